package dev.recsys.gateway.served.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.repository.QualityRollupRepository;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deletes served lists (and with them their feedback and rollup rows) older than
 * {@code gateway.retention.period}, and the relevant (user, movie) pairs last seen before then.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ServedListRepository repository;
    private final QualityRollupRepository rollup;
    private final GatewayConfig.Retention config;

    public RetentionJob(ServedListRepository repository, QualityRollupRepository rollup, GatewayConfig config) {
        this.repository = repository;
        this.rollup = rollup;
        this.config = config.retention();
    }

    @Scheduled(every = "${gateway.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> deleteExpired() {
        Instant cutoff = Instant.now().minus(config.period());
        return repository.deleteServedBefore(cutoff)
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("retention: deleted %d served lists older than %s", deleted, cutoff);
                    }
                })
                .chain(() -> rollup.deleteRelevantPairsBefore(cutoff))
                .onFailure().invoke(e -> LOG.warnf("retention run failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
