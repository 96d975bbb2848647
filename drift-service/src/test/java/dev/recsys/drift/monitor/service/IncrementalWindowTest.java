package dev.recsys.drift.monitor.service;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.LiveWindow;
import dev.recsys.drift.monitor.stream.LiveWindows;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import dev.recsys.drift.quality.check.CheckVerdict;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.FreshnessReport;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
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
