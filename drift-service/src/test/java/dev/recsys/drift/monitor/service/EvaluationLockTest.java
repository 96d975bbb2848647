package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.archive.ReportArchive;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.history.EvaluationRecord;
import dev.recsys.drift.monitor.history.HistoryRepository;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.recsys.drift.monitor.Reactive.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two replicas (two scheduler instances over the same Redis and PostgreSQL) evaluate a due window once. */
@QuarkusTest
class EvaluationLockTest {

    @Inject
    MonitorFixtures fixtures;
    @Inject
    MonitorScheduler scheduler;
    @Inject
    MonitoredModels models;
    @Inject
    WindowEvaluator evaluator;
    @Inject
    EvaluationLock lock;
    @Inject
    StatusStore statuses;
    @Inject
    DriftMetrics metrics;
    @Inject
    HistoryRepository history;
    @Inject
    ReportArchive reports;
    @Inject
    PredictionStreams streams;
    @Inject
    RedisDataSource redis;
    @Inject
    MonitorConfig config;

    @Test
    void twoReplicasEvaluateADueWindowOnce() throws Exception {
        String model = "locked-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(50).reference(1000));
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(51), 400, now - 50_000, now);
        MonitorScheduler otherReplica = new MonitorScheduler(models, evaluator, lock, statuses, metrics, history,
                reports, streams, redis, config);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<StoredEvaluation>>> attempts = List.of(
                    () -> scheduler.evaluateIfDue(model, now), () -> otherReplica.evaluateIfDue(model, now),
                    () -> scheduler.evaluateIfDue(model, now), () -> otherReplica.evaluateIfDue(model, now));
            int evaluations = 0;
            for (Future<Optional<StoredEvaluation>> attempt : pool.invokeAll(attempts)) {
                evaluations += attempt.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, evaluations);
        } finally {
            pool.shutdown();
        }
        // a later tick for the same due window does nothing, on either replica
        assertTrue(otherReplica.evaluateIfDue(model, now).isEmpty());
        assertTrue(scheduler.evaluateIfDue(model, now).isEmpty());
        assertEquals(1L, await(() -> Panache.withSession(() -> EvaluationRecord.count("model", model))));
    }

    @Test
    void theLockIsReleasedOnlyByItsOwner() {
        String model = "lock-owner-model";
        fixtures.reset(model);
        String owner = lock.tryAcquire(model, Duration.ofSeconds(30)).orElseThrow();
        assertTrue(lock.tryAcquire(model, Duration.ofSeconds(30)).isEmpty());
        lock.release(model, "not-the-owner");
        assertTrue(lock.tryAcquire(model, Duration.ofSeconds(30)).isEmpty());
        lock.release(model, owner);
        assertTrue(lock.tryAcquire(model, Duration.ofSeconds(30)).isPresent());
    }
}
