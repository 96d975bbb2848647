package dev.recsys.gateway.quality.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.repository.QualityRollupRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the quality rollup current: every {@code gateway.quality.rollup-interval} it rolls up the
 * feedback stored since the last run, batch after batch until none is left. Quality answers are
 * exact whether or not the rollup has caught up; a backlog only makes them slower.
 */
@ApplicationScoped
public class QualityRollupJob {

    private static final Logger LOG = Logger.getLogger(QualityRollupJob.class);

    private final QualityRollupRepository repository;
    private final GatewayConfig.Quality config;
    private final AtomicLong rolledSinceVacuum = new AtomicLong();

    public QualityRollupJob(QualityRollupRepository repository, GatewayConfig config) {
        this.repository = repository;
        this.config = config.quality();
    }

    @Scheduled(every = "${gateway.quality.rollup-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduledRun() {
        return rollUp().onFailure().invoke(e -> LOG.warnf("quality rollup failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Rolls up everything pending; returns the feedback rows rolled up (0 when another replica holds the lock). */
    public Uni<Long> rollUp() {
        return batches(0, System.nanoTime());
    }

    private Uni<Long> batches(long rolledSoFar, long started) {
        return repository.rollUp(config.k(), config.relevantRating(), config.rollupBatchSize(), config.workMem())
                .call(this::vacuumEveryBatchSize)
                .chain(rolled -> {
                    long total = rolledSoFar + Math.max(rolled, 0);
                    if (total >= config.rollupBatchSize()) {   // a catch-up: show its progress
                        logProgress(total, started);
                    }
                    return rolled < config.rollupBatchSize() ? Uni.createFrom().item(total) : batches(total, started);
                });
    }

    // once a batch's worth of rows has been rolled up, in one run or over several
    private Uni<Void> vacuumEveryBatchSize(int rolled) {
        if (rolledSinceVacuum.addAndGet(Math.max(rolled, 0)) < config.rollupBatchSize()) {
            return Uni.createFrom().voidItem();
        }
        rolledSinceVacuum.set(0);
        return repository.vacuum();
    }

    private static void logProgress(long rolled, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof("quality rollup: %,d feedback rows rolled up in %.1f s (%,.0f rows/s)", rolled, seconds,
                rolled / seconds);
    }
}
