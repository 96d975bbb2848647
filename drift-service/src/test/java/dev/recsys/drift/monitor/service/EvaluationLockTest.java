package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.archive.ReportArchive;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.history.HistoryRepository;
import dev.recsys.drift.monitor.history.HistoryWriter;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import dev.recsys.drift.monitor.sketch.SketchFeed;
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
    HistoryWriter writer;
    @Inject
    Database db;
    @Inject
    ReportArchive reports;
    @Inject
    PredictionStreams streams;
    @Inject
    SketchFeed feed;
    @Inject
    MonitorConfig config;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void twoReplicasEvaluateADueWindowOnce() throws Exception {
        String model = "locked-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(50).reference(1000));
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(51), 400, now - 50_000, now);
        MonitorScheduler otherReplica = newReplica();

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
        assertEquals(1L, fixtures.storedEvaluations(model));
    }

    /**
     * A replica killed with {@code kill -9} mid-window leaves its lock (until it expires) and no
     * status for that window. The next owner, a restarted instance with nothing in memory, evaluates
     * that same window first and then the due one; a second replica racing it evaluates none twice.
     */
    @Test
    void aWindowInterruptedByAKilledReplicaIsEvaluatedNextExactlyOnce() throws Exception {
        String model = "killed-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(52).reference(1000));
        long interval = config.window().interval().toMillis();
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(53), 400, now - 50_000, now);
        long before = MonitorScheduler.dueWindowEnd(ModelWindow.of(config, model), now) - 3 * interval;
        assertTrue(scheduler.evaluateIfDue(model, before).isPresent(), "evaluated before the kill");
        // the killed replica had taken the lock for the next window and died: its lock expires by itself
        assertTrue(lock.tryAcquire(model, Duration.ofMillis(300)).isPresent());
        Thread.sleep(400);

        MonitorScheduler restarted = newReplica();
        MonitorScheduler other = newReplica();
        double evaluationsBefore = evaluations(model);
        long due = before + 3 * interval;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<StoredEvaluation>>> attempts = pool.invokeAll(List.of(
                    () -> restarted.evaluateIfDue(model, due), () -> other.evaluateIfDue(model, due)));
            for (Future<Optional<StoredEvaluation>> attempt : attempts) {
                attempt.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(3.0, evaluations(model) - evaluationsBefore,
                "the interrupted window, the one after it and the due one, each evaluated once");
        List<Long> ends = db.query("select window_end from drift_evaluation where model = ? order by window_end",
                row -> row.getLong(1), model);
        assertEquals(List.of(before, before + interval, before + 2 * interval, due), ends);
    }

    private MonitorScheduler newReplica() {
        return new MonitorScheduler(models, evaluator, lock, statuses, metrics, history, writer, db, reports, streams,
                feed, config);
    }

    /** Evaluations this instance made of {@code model} (drift_evaluations_total, every result). */
    private double evaluations(String model) {
        return registry.find("drift.evaluations").tag("model", model).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
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
