package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.LiveWindow;
import dev.recsys.drift.monitor.stream.LiveWindows;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sketch mode: per-minute buckets fed by the window ingest, exactly once across replicas, and agreement with exact mode. */
@QuarkusTest
class SketchModeTest {

    private static final long MINUTE = SketchStore.BUCKET_MS;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    WindowReader reader;
    @Inject
    WindowEvaluator evaluator;
    @Inject
    SketchStore store;
    @Inject
    PredictionStreams streams;
    @Inject
    RedisDataSource redis;
    @Inject
    MonitorConfig config;
    @Inject
    DriftMetrics metrics;

    @Test
    void sketchAndExactResultsAgreeWithinTheStatedBound() throws Exception {
        String model = "sketch-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(20).reference(3000));
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 6 * MINUTE;
        TrafficGenerator traffic = new TrafficGenerator(21);
        traffic.shiftMean = true;
        fixtures.writeHistoric(model, "1", traffic, 30_000, m0, m0 + 3 * MINUTE);

        ModelWindow window = ModelWindow.of(config, model);
        long end = m0 + 3 * MINUTE;
        WindowData exactData = reader.read(model, window, end);
        WindowData sketchData = reader.fromSketches(model, window, end);
        EvaluationResult exact = evaluator.evaluate(model, window, exactData, System.nanoTime()).result();
        EvaluationResult sketch = evaluator.evaluate(model, window, sketchData, System.nanoTime()).result();

        assertEquals("exact", exact.mode());
        assertEquals("sketch", sketch.mode());
        assertEquals(exact.windowStart(), sketch.windowStart());
        assertEquals(exact.samples(), sketch.samples());
        assertEquals(10_000, sketch.samples());
        assertNotNull(sketch.sketch());
        assertTrue(sketch.sketch().normalizedRankError() < 0.02, "KLL k=200 rank error ≈ 1.3%");
        assertEquals("ks", sketch.features().get("rec_mean_score").method());
        for (Map.Entry<String, FeatureVerdict> entry : sketch.features().entrySet()) {
            FeatureVerdict s = entry.getValue();
            FeatureVerdict e = exact.features().get(entry.getKey());
            assertEquals(e.method(), s.method(), entry.getKey());
            assertNotNull(s.errorBound(), entry.getKey() + " states its error bound");
            assertTrue(Math.abs(s.statistic() - e.statistic()) <= s.errorBound() + 1e-12,
                    entry.getKey() + ": sketch " + s.statistic() + " vs exact " + e.statistic() + " bound " + s.errorBound());
            assertEquals(e.driftDetected(), s.driftDetected(), entry.getKey());
        }
        assertTrue(sketch.features().get("user_mean_rating").driftDetected());
    }

    @Test
    void aReplicaTakingOverGoesOnFromTheWatermarkAndCountsNothingTwice() {
        String model = "restart-model";
        fixtures.reset(model);
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 4 * MINUTE;
        TrafficGenerator traffic = new TrafficGenerator(22);
        fixtures.writeHistoric(model, "1", traffic, 5_000, m0, m0 + 2 * MINUTE);
        LiveWindows first = replica();
        LiveWindows second = replica();
        long now = System.currentTimeMillis();
        // the first replica evaluates exactly: its one read fills the window and the sketches
        assertEquals(5_000, first.select(model, m0, now, LiveWindow.Selection::count).orElseThrow());
        assertEquals(5_000, store.window(model, m0, m0 + 2 * MINUTE).events());

        // the second takes the model over: it goes on from the watermark
        fixtures.writeHistoric(model, "1", traffic, 3_000, m0 + 2 * MINUTE, m0 + 3 * MINUTE);
        second.sketchOnly(model);
        assertEquals(8_000, store.window(model, m0, m0 + 3 * MINUTE).events());

        // and the first takes it back: its window and its copy of the buckets are behind the watermark
        fixtures.writeHistoric(model, "1", traffic, 1_000, m0 + 3 * MINUTE, m0 + 4 * MINUTE);
        assertEquals(9_000, first.select(model, m0, System.currentTimeMillis(), LiveWindow.Selection::count).orElseThrow());
        assertEquals(9_000, store.events(model, m0, m0 + 4 * MINUTE));
        assertEquals(9_000, store.window(model, m0, m0 + 4 * MINUTE).events());
        assertEquals(0, feed().lag(model, streams.key(model)), "every entry sketched");
    }

    @Test
    void aRoundOverlappingATakeoverIsNotStoredAndADeadRoundLosesNothing() {
        String model = "shared-model";
        fixtures.reset(model);
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 3 * MINUTE;
        TrafficGenerator traffic = new TrafficGenerator(23);
        fixtures.writeHistoric(model, "1", traffic, 12_000, m0, m0 + MINUTE);
        SketchFeed stale = feed();
        SketchFeed taker = feed();
        // one replica's lock expired mid-round: another took over, sketched everything and stored it first
        SketchFeed.Round late = stale.begin(model, streams.key(model));
        SketchFeed.Round early = taker.begin(model, streams.key(model));
        foldAll(model, early);
        early.commit();
        foldAll(model, late);
        late.commit();
        assertEquals(12_000, store.window(model, m0, m0 + MINUTE).events());

        // a replica that dies before its commit stores nothing; the next one sketches what it had read
        fixtures.writeHistoric(model, "1", traffic, 2_000, m0 + MINUTE, m0 + 2 * MINUTE);
        foldAll(model, feed().begin(model, streams.key(model)));
        replica().sketchOnly(model);
        // the replica whose round was discarded goes on from the stored watermark
        fixtures.writeHistoric(model, "1", traffic, 500, m0 + 2 * MINUTE, m0 + 3 * MINUTE);
        new LiveWindows(streams, stale, redis, config).sketchOnly(model);
        assertEquals(14_500, store.window(model, m0, m0 + 3 * MINUTE).events());
        assertEquals(14_500, store.events(model, m0, m0 + 3 * MINUTE));
    }

    @Test
    void aDeletedOrRecreatedStreamIsSketchedFromItsStart() {
        String model = "gone-model";
        fixtures.reset(model);
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 2 * MINUTE;
        LiveWindows replica = replica();
        fixtures.writeHistoric(model, "1", new TrafficGenerator(24), 100, m0 + 30_000, m0 + MINUTE);
        replica.sketchOnly(model);
        redis.key().del(streams.key(model));
        replica.sketchOnly(model);
        // recreated with ids below the watermark
        fixtures.writeHistoric(model, "1", new TrafficGenerator(26), 50, m0, m0 + 20_000);
        replica.sketchOnly(model);
        assertEquals(150, store.window(model, m0, m0 + MINUTE).events());
    }

    private void foldAll(String model, SketchFeed.Round round) {
        streams.readBetween(model, round.mark(), "+", (id, idTime, entry, raw) -> {
            round.fold(id, entry, raw);
            return true;
        });
    }

    /** Another drift-service instance: its own windows and sketch state, the same Redis. */
    private LiveWindows replica() {
        return new LiveWindows(streams, feed(), redis, config);
    }

    private SketchFeed feed() {
        return new SketchFeed(redis, store, config, metrics);
    }
}
