package dev.recsys.gateway.served.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.repository.ExposureRollupRepository;
import dev.recsys.gateway.quality.repository.QualityRollupRepository;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deletes served lists (and with them their feedback and rollup rows) served in hours that ended more
 * than {@code gateway.retention.period} ago, their exposure rollup buckets, and the relevant (user,
 * movie) pairs last seen before then.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ServedListRepository repository;
    private final QualityRollupRepository rollup;
    private final ExposureRollupRepository exposure;
    private final GatewayConfig.Retention config;

    public RetentionJob(ServedListRepository repository, QualityRollupRepository rollup,
            ExposureRollupRepository exposure, GatewayConfig config) {
        this.repository = repository;
        this.rollup = rollup;
        this.exposure = exposure;
        this.config = config.retention();
    }

    // first run one interval after start: nothing is due sooner with a period of days, and a restart
    // loop does not delete at every start
    @Scheduled(every = "${gateway.retention.interval:1h}", delayed = "${gateway.retention.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> deleteExpired() {
        // a whole hour, the widest exposure bucket: the buckets deleted hold exactly the lists deleted
        Instant cutoff = Instant.now().minus(config.period()).truncatedTo(ChronoUnit.HOURS);
        return repository.deleteServedBefore(cutoff)
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("retention: deleted %d served lists older than %s", deleted, cutoff);
                    }
                })
                .chain(() -> exposure.deleteBucketsBefore(cutoff))
                .chain(() -> rollup.deleteRelevantPairsBefore(cutoff))
                .onFailure().invoke(e -> LOG.warnf("retention run failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
