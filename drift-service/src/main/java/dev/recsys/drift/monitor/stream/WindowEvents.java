package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.quality.event.QualityWindow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw events of one window, gathered column-wise per feature, with the newest event's model
 * version and a few request traces of the window.
 */
public final class WindowEvents {

    private final Map<String, ColumnBuilder> columns = new HashMap<>();
    private final TraceSampler<TraceRef> traces;
    private final QualityWindow.Builder quality = QualityWindow.builder();
    private int count;
    private long newestTs = Long.MIN_VALUE;
    private long oldestTs = Long.MAX_VALUE;
    private String newestVersion;

    public WindowEvents(int sampleTraces) {
        this.traces = new TraceSampler<>(sampleTraces);
    }

    public void add(PredictionEvent event) {
        count++;
        if (event.ts() >= newestTs) {
            newestTs = event.ts();
            newestVersion = event.version();
        }
        oldestTs = Math.min(oldestTs, event.ts());
        // trace ids are checked only for an event newer than one kept: most of a window's events are not
        if (traces.wants(event.ts()) && TraceRef.valid(event.traceId(), event.spanId())) {
            traces.offer(event.ts(), new TraceRef(event.traceId(), event.spanId(), event.ts()));
        }
        event.features().forEach((feature, value) -> columns.computeIfAbsent(feature, f -> new ColumnBuilder()).add(value));
    }

    /** Adds a readable event and the entry it was read from, which the data-quality checks read too. */
    public void add(PredictionEvent event, StreamEvent entry) {
        add(event);
        quality.addEntry(entry);
    }

    /** An entry of the window that is no readable event ({@code null}: not JSON): only the data-quality checks count it. */
    public void addUnreadable(StreamEvent entry) {
        quality.addEntry(entry);
    }

    /** The window's raw events for the data-quality checks. */
    public QualityWindow quality(long start, long end) {
        return quality.build(start, end);
    }

    /** These events as the newest sample of a larger (sketch-mode) window, for the data-quality checks. */
    public QualityWindow qualitySample(long start, long end) {
        return quality.buildSample(start, end);
    }

    public int count() {
        return count;
    }

    /** Event time of the oldest event; {@link Long#MAX_VALUE} when empty. */
    public long oldestTs() {
        return oldestTs;
    }

    public String newestVersion() {
        return newestVersion;
    }

    public List<TraceRef> sampleTraces() {
        return traces.newestFirst();
    }

    public Map<String, Column> columns() {
        Map<String, Column> built = new LinkedHashMap<>();
        columns.forEach((feature, builder) -> built.put(feature, builder.build()));
        return built;
    }
}
