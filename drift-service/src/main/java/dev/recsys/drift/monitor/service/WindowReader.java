package dev.recsys.drift.monitor.service;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.service.EvaluationResult.SketchAccuracy;
import dev.recsys.drift.monitor.sketch.FeatureSketches;
import dev.recsys.drift.monitor.sketch.SketchColumns;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.LiveWindow;
import dev.recsys.drift.monitor.stream.LiveWindows;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import dev.recsys.drift.monitor.stream.WindowEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a model's window: exactly from this instance's in-memory window ({@link LiveWindows}) while
 * it fits {@code drift.window-memory-mb}, from per-minute sketches beyond it; a count-based window
 * (last N events, N up to the exact cap) is read from the stream. A
 * sketch window covers whole minute buckets, so its bounds are the window's end rounded down to
 * the minute and that minus the window size.
 */
@ApplicationScoped
public class WindowReader {

    private final PredictionStreams streams;
    private final SketchStore sketches;
    private final LiveWindows live;
    private final MonitorConfig config;

    public WindowReader(PredictionStreams streams, SketchStore sketches, LiveWindows live, MonitorConfig config) {
        this.streams = streams;
        this.sketches = sketches;
        this.live = live;
        this.config = config;
    }

    WindowData read(String model, ModelWindow window, long end) {
        if (window.events().isPresent()) {
            live.sketchOnly(model);
            WindowEvents events = streams.readLast(model, window.events().getAsInt(), end);
            return exact(events.oldestTs() == Long.MAX_VALUE ? end : events.oldestTs(), end, events);
        }
        long start = end - window.size().toMillis();
        // the sketches' bucket counts tell cheaply when the window would not fit the memory budget
        if (live.fits(model, sketches.events(model, start, end))) {
            Optional<WindowData> data = live.select(model, start, end, events -> exact(start, end, events));
            if (data.isPresent()) {
                return data.get();
            }
        }
        return fromSketches(model, window, end);
    }

    /** The window from sketches alone, whatever its size (also used to compare both modes), after folding the entries new to them. */
    WindowData fromSketches(String model, ModelWindow window, long end) {
        live.sketchOnly(model);
        long sketchEnd = SketchStore.bucketOf(end);
        long sketchStart = sketchEnd - window.size().toMillis();
        FeatureSketches merged = sketches.window(model, sketchStart, sketchEnd);
        WindowEvents newest = streams.readNewest(model, sketchStart, sketchEnd, 100);
        Map<String, Column> columns = new LinkedHashMap<>();
        Map<String, Double> rankErrors = new HashMap<>();
        Map<String, Double> shareErrors = new HashMap<>();
        double worstRankError = 0;
        for (var entry : merged.numbers().entrySet()) {
            if (!merged.labels().containsKey(entry.getKey())) {
                columns.put(entry.getKey(), SketchColumns.numbers(entry.getValue()));
                double error = SketchColumns.rankError(entry.getValue());
                rankErrors.put(entry.getKey(), error);
                worstRankError = Math.max(worstRankError, error);
            }
        }
        // a feature with labels is categorical (a mixed feature's numbers are not summarised as labels)
        merged.labels().forEach((feature, sketch) -> {
            columns.put(feature, SketchColumns.labels(sketch));
            shareErrors.put(feature, SketchColumns.shareError(sketch));
        });
        SketchAccuracy accuracy = new SketchAccuracy(config.sketch().kllK(), worstRankError, config.sketch().itemsMapSize());
        return new WindowData(WindowData.SKETCH, sketchStart, sketchEnd, merged.events(), newest.newestVersion(),
                newest.sampleTraces(), columns, accuracy, rankErrors, shareErrors,
                newest.qualitySample(sketchStart, sketchEnd));
    }

    static WindowData exact(long start, long end, LiveWindow.Selection events) {
        return new WindowData(WindowData.EXACT, start, end, events.count(), events.newestVersion(),
                events.sampleTraces(), events.columns(), null, Map.of(), Map.of(), events.quality());
    }

    private static WindowData exact(long start, long end, WindowEvents events) {
        return new WindowData(WindowData.EXACT, start, end, events.count(), events.newestVersion(),
                events.sampleTraces(), events.columns(), null, Map.of(), Map.of(), events.quality(start, end));
    }
}
