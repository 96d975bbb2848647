package dev.recsys.gateway.quality.service;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.repository.ExposureRollupRepository;
import dev.recsys.gateway.quality.repository.QualityRollupRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the quality rollups current: every {@code gateway.quality.rollup-interval} it rolls up the
 * feedback stored since the last run (per-list quality sums), then the served lists (exposure counts
 * per bucket), batch after batch until none is left. Quality answers are exact whether or not the
 * rollups have caught up; a backlog only makes them slower.
 */
@ApplicationScoped
public class QualityRollupJob {

    private static final Logger LOG = Logger.getLogger(QualityRollupJob.class);

    private final QualityRollupRepository repository;
    private final ExposureRollupRepository exposure;
    private final GatewayConfig.Quality config;
    private final AtomicLong feedbackSinceVacuum = new AtomicLong();
    private final AtomicLong listsSinceVacuum = new AtomicLong();

    public QualityRollupJob(QualityRollupRepository repository, ExposureRollupRepository exposure,
            GatewayConfig config) {
        this.repository = repository;
        this.exposure = exposure;
        this.config = config.quality();
    }

    @Scheduled(every = "${gateway.quality.rollup-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduledRun() {
        // independent of each other: a failure of one leaves the other running
        return logged(rollUp()).chain(() -> logged(rollUpExposure()));
    }

    private static Uni<Void> logged(Uni<Long> run) {
        return run.onFailure().invoke(e -> LOG.warnf("quality rollup failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Rolls up all pending feedback; returns the feedback rows rolled up (0 when another replica holds the lock). */
    public Uni<Long> rollUp() {
        return batches("feedback rows", () -> repository.rollUp(config.k(), config.relevantRating(),
                config.rollupBatchSize(), config.workMem()), repository::vacuum, feedbackSinceVacuum, 0,
                System.nanoTime());
    }

    /** Rolls up all queued served lists; returns the lists rolled up (0 when another replica holds the lock). */
    public Uni<Long> rollUpExposure() {
        return batches("served lists", () -> exposure.rollUp(config.rollupBatchSize(), config.workMem()),
                exposure::vacuum, listsSinceVacuum, 0, System.nanoTime());
    }

    private Uni<Long> batches(String what, Supplier<Uni<Integer>> batch, Supplier<Uni<Void>> vacuum,
            AtomicLong sinceVacuum, long rolledSoFar, long started) {
        return batch.get()
                .call(rolled -> vacuumEveryBatchSize(rolled, vacuum, sinceVacuum))
                .chain(rolled -> {
                    long total = rolledSoFar + Math.max(rolled, 0);
                    if (total >= config.rollupBatchSize()) {   // a catch-up: show its progress
                        logProgress(what, total, started);
                    }
                    return rolled < config.rollupBatchSize() ? Uni.createFrom().item(total)
                            : batches(what, batch, vacuum, sinceVacuum, total, started);
                });
    }

    // once a batch's worth of rows has been rolled up, in one run or over several
    private Uni<Void> vacuumEveryBatchSize(int rolled, Supplier<Uni<Void>> vacuum, AtomicLong sinceVacuum) {
        if (sinceVacuum.addAndGet(Math.max(rolled, 0)) < config.rollupBatchSize()) {
            return Uni.createFrom().voidItem();
        }
        sinceVacuum.set(0);
        return vacuum.get();
    }

    private static void logProgress(String what, long rolled, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof("quality rollup: %,d %s rolled up in %.1f s (%,.0f/s)", rolled, what, seconds, rolled / seconds);
    }
}
