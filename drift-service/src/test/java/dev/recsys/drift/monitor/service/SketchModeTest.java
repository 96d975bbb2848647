package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.monitor.sketch.SketchIngest;
import dev.recsys.drift.monitor.sketch.SketchIngestRunner;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sketch mode: consumer-group ingest into per-minute buckets, exactly once, and agreement with exact mode. */
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

    @Test
    void sketchAndExactResultsAgreeWithinTheStatedBound() throws Exception {
        String model = "sketch-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(20).reference(3000));
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 6 * MINUTE;
        TrafficGenerator traffic = new TrafficGenerator(21);
        traffic.shiftMean = true;
        fixtures.writeHistoric(model, "1", traffic, 30_000, m0, m0 + 3 * MINUTE);
        SketchIngest ingest = consumer("agree");
        drain(ingest, model, 30_000);

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
    void aConsumerThatDiesMidBatchLosesNothingAndCountsNothingTwice() throws Exception {
        String model = "restart-model";
        fixtures.reset(model);
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 4 * MINUTE;
        fixtures.writeHistoric(model, "1", new TrafficGenerator(22), 5_000, m0, m0 + 2 * MINUTE);
        String key = streams.key(model);
        String group = config.sketch().group();
        redis.stream(String.class).xgroupCreate(key, group, "0");
        // the first replica reads 2,000 events and dies before storing or acknowledging them
        assertEquals(2_000, redis.stream(String.class)
                .xreadgroup(group, "crashed-replica", key, ">", new XReadGroupArgs().count(2_000)).size());

        SketchIngest survivor = consumer("survivor");
        drain(survivor, model, 3_000);
        Thread.sleep(config.sketch().claimIdle().toMillis() + 200);
        drain(survivor, model, 2_000);
        // a restarted replica (new consumer) finds nothing left to do
        assertEquals(0, consumer("restarted").poll(Set.of(model)));

        assertEquals(5_000, store.events(model, m0, m0 + 2 * MINUTE));
        assertEquals(5_000, store.window(model, m0, m0 + 2 * MINUTE).events());
        assertEquals(0, redis.execute("XPENDING", key, group).get(0).toLong(), "no event left pending");
    }

    @Test
    void twoReplicasShareTheStreamWithoutDoubleCounting() throws Exception {
        String model = "shared-model";
        fixtures.reset(model);
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 3 * MINUTE;
        fixtures.writeHistoric(model, "1", new TrafficGenerator(23), 12_000, m0, m0 + MINUTE);
        SketchIngest first = consumer("replica-1");
        SketchIngest second = consumer("replica-2");
        long total = 0;
        long firstShare = 0;
        for (int round = 0; round < 20 && total < 12_000; round++) {
            long a = first.poll(Set.of(model));
            firstShare += a;
            total += a + second.poll(Set.of(model));
        }
        assertEquals(12_000, total);
        assertTrue(firstShare > 0 && firstShare < 12_000, "both replicas consumed");
        assertEquals(12_000, store.window(model, m0, m0 + MINUTE).events());
    }

    @Test
    void aDeletedOrRecreatedStreamDoesNotStopTheOthers() {
        fixtures.reset("gone-model");
        fixtures.reset("alive-model");
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 2 * MINUTE;
        fixtures.writeHistoric("gone-model", "1", new TrafficGenerator(24), 100, m0, m0 + MINUTE);
        SketchIngest ingest = consumer("robust");
        assertEquals(100, ingest.poll(Set.of("gone-model")));
        // the stream is deleted and another model's appears: the consumer carries on with what exists
        fixtures.reset("gone-model");
        fixtures.writeHistoric("alive-model", "1", new TrafficGenerator(25), 300, m0, m0 + MINUTE);
        long stored = 0;
        for (int round = 0; round < 5 && stored < 300; round++) {
            try {
                stored += ingest.poll(Set.of("gone-model", "alive-model"));
            } catch (RuntimeException e) {
                // one failed round at most (the old group vanished); the next one recovers
            }
        }
        assertEquals(300, stored);
        // recreated: a new group is made on the new stream
        fixtures.writeHistoric("gone-model", "1", new TrafficGenerator(26), 50, m0, m0 + MINUTE);
        stored = 0;
        for (int round = 0; round < 5 && stored < 50; round++) {
            try {
                stored += ingest.poll(Set.of("gone-model", "alive-model"));
            } catch (RuntimeException e) {
                // as above
            }
        }
        assertEquals(50, stored);
    }

    private SketchIngest consumer(String name) {
        SketchIngest.Settings base = SketchIngestRunner.settings(config, name, streams);
        SketchIngest.Settings settings = new SketchIngest.Settings(base.group(), name, 5_000, Duration.ofMillis(100),
                base.claimIdle(), base.keepMs(), base.streamKey());
        return new SketchIngest(redis, store, settings, (model, events) -> { });
    }

    private static void drain(SketchIngest ingest, String model, long expected) {
        AtomicLong total = new AtomicLong();
        for (int round = 0; round < 50 && total.get() < expected; round++) {
            total.addAndGet(ingest.poll(Set.of(model)));
        }
        assertEquals(expected, total.get());
    }
}
