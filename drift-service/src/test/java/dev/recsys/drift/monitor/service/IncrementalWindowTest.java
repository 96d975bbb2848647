package dev.recsys.drift.monitor.service;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.LiveWindow;
import dev.recsys.drift.monitor.reference.ReferenceProfile;
import dev.recsys.drift.monitor.report.FeatureHistogram;
import dev.recsys.drift.monitor.reference.ReferenceService;
import dev.recsys.drift.monitor.stream.LiveWindows;
import dev.recsys.drift.monitor.stream.PredictionEvent;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import dev.recsys.drift.quality.check.CheckVerdict;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.FreshnessReport;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.service.DataQualityService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory window read bit by bit as events arrive gives exactly (bit for bit) what one
 * ranged read of the same stream gives: columns, every statistic, data quality, traces, version.
 */
@QuarkusTest
class IncrementalWindowTest {

    private static final long MINUTE = SketchStore.BUCKET_MS;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    WindowEvaluator evaluator;
    @Inject
    PredictionStreams streams;
    @Inject
    RedisDataSource redis;
    @Inject
    MonitorConfig config;
    @Inject
    ReferenceService references;
    @Inject
    DataQualityService quality;
    @Inject
    SketchStore store;
    @Inject
    DriftMetrics metrics;

    @Test
    void incrementalWindowEqualsAFreshRebuildBitForBit() throws Exception {
        String model = "incremental-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(30).reference(2000));
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 6 * MINUTE;
        // the window starts inside a minute, so the first minute is filtered row by row
        long start = m0 + 20_000;
        LiveWindows incremental = new LiveWindows(streams, new SketchFeed(redis, store, config, metrics), redis, config);

        // published back then (stream ids at event times), read by a window that starts a minute earlier
        TrafficGenerator traffic = new TrafficGenerator(31);
        fixtures.writeHistoric(model, "1", traffic, 3_000, m0 - MINUTE, m0 + 2 * MINUTE);
        assertTrue(incremental.select(model, start - MINUTE, System.currentTimeMillis(), LiveWindow.Selection::count).isPresent());
        // late and current events, published now, with event times all over the window and beyond it
        traffic.shiftMean = true;
        fixtures.write(model, "2", traffic, 2_000, m0 + MINUTE, m0 + 4 * MINUTE);
        incremental.select(model, start, System.currentTimeMillis(), LiveWindow.Selection::count);
        writePoison(model, m0 + 90_000);
        traffic.newGenre = true;
        fixtures.write(model, "2", traffic, 1_500, m0, m0 + 3 * MINUTE + 30_000);
        // ends now (inside a minute), so the unreadable entries, at their XADD times, are in it too
        long end = System.currentTimeMillis() + 1;
        LiveWindow.Selection read = incremental.select(model, start, end, selection -> selection).orElseThrow();

        LiveWindow.Selection rebuilt = new LiveWindows(streams, new SketchFeed(redis, store, config, metrics), redis, config)
                .select(model, start, end, selection -> selection).orElseThrow();

        assertTrue(read.count() > 3_000, "events of all batches are in the window: " + read.count());
        assertEquals(rebuilt.count(), read.count());
        assertEquals(rebuilt.newestVersion(), read.newestVersion());
        assertEquals("2", read.newestVersion());
        assertEquals(rebuilt.sampleTraces(), read.sampleTraces());
        assertEquals(config.sampleTraces(), read.sampleTraces().size());
        Map<String, Column> columns = read.columns();
        Map<String, Column> expected = rebuilt.columns();
        assertEquals(expected.keySet(), columns.keySet());
        expected.forEach((feature, column) -> {
            if (column instanceof Column.Numbers numbers) {
                assertArrayEquals(numbers.values(), ((Column.Numbers) columns.get(feature)).values(), feature);
            } else {
                assertArrayEquals(((Column.Labels) column).values(), ((Column.Labels) columns.get(feature)).values(), feature);
            }
        });
        // a number among a categorical feature's labels makes it a label column, as in compare
        assertInstanceOf(Column.Labels.class, columns.get("user_segment"));
        // the report's histograms from sorted minutes and label counts equal those of the plain values
        ReferenceProfile profile = references.resolve(model, "2").orElseThrow();
        columns.forEach((feature, column) -> {
            assertNotNull(profile.features().get(feature), feature);
            Column reference = profile.features().get(feature).column();
            Column plain = column instanceof Column.Numbers numbers ? new Column.Numbers(numbers.values())
                    : new Column.Labels(((Column.Labels) column).values());
            FeatureHistogram expectedHistogram = FeatureHistogram.of(reference, plain);
            FeatureHistogram histogram = FeatureHistogram.of(reference, column);
            assertEquals(expectedHistogram.bins(), histogram.bins(), feature);
            assertArrayEquals(expectedHistogram.reference(), histogram.reference(), feature);
            assertArrayEquals(expectedHistogram.current(), histogram.current(), feature);
        });

        ModelWindow window = ModelWindow.of(config, model);
        EvaluationResult fromIncremental = evaluator.evaluate(model, window, WindowReader.exact(start, end, read),
                System.nanoTime()).result();
        EvaluationResult fromRebuild = evaluator.evaluate(model, window, WindowReader.exact(start, end, rebuilt),
                System.nanoTime()).result();
        assertEquals(EvaluationResult.OK, fromIncremental.status());
        assertEquals(fromRebuild.samples(), fromIncremental.samples());
        // Double.equals compares bit patterns: every statistic, p-value, threshold and effect size
        assertEquals(fromRebuild.features(), fromIncremental.features());
        assertEquals(fromRebuild.dataset(), fromIncremental.dataset());
        assertEquals(timeless(fromRebuild.dataQuality()), timeless(fromIncremental.dataQuality()));
        DataQualityResult quality = fromIncremental.dataQuality();
        assertNotNull(quality);
        assertEquals(3, quality.schema().unparsable() + quality.schema().invalidEnvelope(), "poison entries counted");
        assertEquals(1, quality.duplicates().count(), "the repeated event id");
        assertTrue(quality.features().get("user_mean_rating").wrongType() >= 1, "a list where a number belongs");
        // the same reads fed the sketches, once each: the prediction events, without the three poison entries
        assertEquals(3_000 + 2_000 + 1_500 + 2, store.events(model, m0 - 2 * MINUTE, end + MINUTE));
    }

    /**
     * The data-quality counts a held window keeps per bucket (counted once, then added up) give
     * exactly what the event-by-event scan of the same entries in window order gives: with the
     * window's first and last minutes cut inside, event ids repeated within a minute, across minutes
     * and in an evicted minute, counts kept from an earlier evaluation, and new events in buckets
     * counted before.
     */
    @Test
    void bucketCountsEqualTheEventByEventScanAcrossEvictionAndPartialMinutes() throws Exception {
        String model = "incremental-quality-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(40).reference(2000));
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 6 * MINUTE;
        long from = m0 - 2 * MINUTE;
        TrafficGenerator traffic = new TrafficGenerator(41);
        fixtures.writeHistoric(model, "1", traffic, 2_000, m0 - MINUTE, m0 + 3 * MINUTE);
        writeRepeat(model, "early", m0 - 30_000);
        writeRepeat(model, "early", m0 + 150_000);
        writeRepeat(model, "across", m0 + 70_000);
        LiveWindow held = new LiveWindow(from);
        streams.readFrom(model, from, (id, idTime, entry, raw) -> held.add(id, idTime, entry));
        long start = m0 + 20_000;
        long end = System.currentTimeMillis() + 1;
        ReferenceProfile profile = references.resolve(model, "1").orElseThrow();
        // counts every whole minute once and keeps those counts
        DataQualityResult first = quality.check(model, profile.quality(), select(held, start, end).quality());
        assertEquals(timeless(quality.check(model, profile.quality(), eventByEvent(model, from, start, end))),
                timeless(first));

        // new events in minutes already counted, a repeat across minutes, poison entries; then the oldest minute leaves
        traffic.shiftMean = true;
        fixtures.write(model, "1", traffic, 1_000, m0 - MINUTE, m0 + 4 * MINUTE);
        writeRepeat(model, "across", m0 + 200_000);
        writePoison(model, m0 + 100_000);
        streams.readAfter(model, held.lastId(), (id, idTime, entry, raw) -> held.add(id, idTime, entry));
        held.evictBefore(m0, config.streamIdMargin().toMillis());
        end = System.currentTimeMillis() + 1;
        LiveWindow.Selection selection = select(held, start, end);
        DataQualityResult counted = quality.check(model, profile.quality(), selection.quality());
        DataQualityResult scanned = quality.check(model, profile.quality(), eventByEvent(model, from, start, end));

        assertEquals(timeless(scanned), timeless(counted));
        assertEquals(selection.quality().size(), counted.events());
        assertEquals(2, counted.duplicates().count(), "dup and across repeated once each; early only once in the window");
        assertTrue(counted.duplicates().sampleEventIds().containsAll(List.of("across", "dup")));
        // the same counts again, now all kept from this evaluation
        assertEquals(timeless(counted), timeless(quality.check(model, profile.quality(), select(held, start, end).quality())));
    }

    private LiveWindow.Selection select(LiveWindow window, long start, long end) {
        long margin = config.streamIdMargin().toMillis();
        return window.select(start, end, Math.max(0, start - margin), end + margin, config.sampleTraces(), new Object());
    }

    /** The window as the data-quality checks read it entry by entry: minutes in order, stream order within a minute. */
    private QualityWindow eventByEvent(String model, long from, long start, long end) {
        long margin = config.streamIdMargin().toMillis();
        List<Object[]> entries = new ArrayList<>();
        streams.readFrom(model, from, (id, idTime, entry, raw) -> {
            long ts = entry != null && entry.eventTime() >= 0 ? entry.eventTime() : idTime;
            entries.add(new Object[] {SketchStore.bucketOf(ts), idTime, entry});
            return true;
        });
        entries.sort(Comparator.comparingLong(entry -> (Long) entry[0]));
        QualityWindow.Builder window = QualityWindow.builder();
        for (Object[] row : entries) {
            long idTime = (Long) row[1];
            StreamEvent entry = (StreamEvent) row[2];
            PredictionEvent event = PredictionEvent.of(entry);
            boolean in = event != null
                    ? event.ts() >= start && event.ts() < end && idTime >= Math.max(0, start - margin) && idTime <= end + margin
                    : idTime >= start && idTime < end;
            if (in) {
                window.addEntry(entry);
            }
        }
        return window.build(start, end);
    }

    /** One more event with id {@code id} at {@code ts}. */
    private void writeRepeat(String model, String id, long ts) {
        String features = "\"features\":{\"user_mean_rating\":3.5,\"user_segment\":\"casual\",\"rec_mean_score\":0.4}";
        redis.stream(String.class).xadd(streams.key(model),
                Map.of("event", "{\"v\":1,\"eventId\":\"" + id + "\",\"ts\":" + ts + "," + features + "}"));
    }

    /** Entries any Redis client could write: not JSON, no features, no event time, a list value, a number label, a repeated id. */
    private void writePoison(String model, long ts) {
        var stream = redis.stream(String.class);
        String key = streams.key(model);
        stream.xadd(key, Map.of("event", "not json"));
        stream.xadd(key, Map.of("event", "{\"v\":1,\"eventId\":\"p-1\",\"ts\":" + ts + "}"));
        stream.xadd(key, Map.of("event", "{\"v\":1,\"eventId\":\"p-2\",\"ts\":\"soon\",\"features\":{}}"));
        String features = "\"features\":{\"user_mean_rating\":[1,2],\"user_segment\":5,\"rec_mean_score\":3.9}";
        stream.xadd(key, Map.of("event", "{\"v\":1,\"eventId\":\"dup\",\"ts\":" + ts + "," + features + "}"));
        stream.xadd(key, new XAddArgs(), Map.of("event", "{\"v\":1,\"eventId\":\"dup\",\"ts\":" + (ts + 1) + "," + features + "}"));
    }

    /** The result without what depends on the clock (evaluation time, age of the newest event). */
    private static DataQualityResult timeless(DataQualityResult r) {
        Map<String, CheckVerdict> checks = new LinkedHashMap<>(r.checks());
        checks.remove("freshness");
        return new DataQualityResult(r.model(), r.windowStart(), r.windowEnd(), 0, r.events(), r.checkedEvents(),
                r.sample(), r.passed(), r.violations(), checks, r.features(), r.duplicates(), r.schema(),
                new FreshnessReport(r.freshness().newestEventTs(), null), r.correlation());
    }
}
