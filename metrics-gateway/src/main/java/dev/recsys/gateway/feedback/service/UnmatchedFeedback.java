package dev.recsys.gateway.feedback.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.feedback.repository.FeedbackRepository;
import dev.recsys.gateway.feedback.repository.FeedbackRepository.Matched;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Feedback waiting for its served list (table feedback_unmatched): matched when the consumer stores the
 * list, or by the sweep every {@code gateway.feedback.pending-sweep-interval} (which also catches feedback
 * kept in the moment its list was stored), and expired after {@code gateway.feedback.pending-ttl}.
 * Metrics: gateway_feedback_pending (rows waiting, all replicas), gateway_feedback_pending_matched_total,
 * gateway_feedback_pending_rejected_total (the list was served to another user) and
 * gateway_feedback_pending_expired_total.
 */
@Startup // its counters are exported at 0 from start-up
@ApplicationScoped
public class UnmatchedFeedback {

    private static final Logger LOG = Logger.getLogger(UnmatchedFeedback.class);

    private final Pool pool;
    private final FeedbackRepository repository;
    private final FeedbackMetrics metrics;
    private final GatewayConfig.Feedback config;
    private final AtomicLong waiting = new AtomicLong();
    private final Counter matched;
    private final Counter rejected;
    private final Counter expired;

    public UnmatchedFeedback(Pool pool, FeedbackRepository repository, FeedbackMetrics metrics, GatewayConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.repository = repository;
        this.metrics = metrics;
        this.config = config.feedback();
        Gauge.builder("gateway.feedback.pending", waiting, AtomicLong::get)
                .description("Feedback rows waiting for their served list, at the last sweep").register(registry);
        this.matched = Counter.builder("gateway.feedback.pending.matched")
                .description("Waiting feedback stored once its served list arrived").register(registry);
        this.rejected = Counter.builder("gateway.feedback.pending.rejected")
                .description("Waiting feedback dropped: its list was served to another user").register(registry);
        this.expired = Counter.builder("gateway.feedback.pending.expired")
                .description("Waiting feedback deleted because its list did not arrive in time").register(registry);
    }

    /** True when no more feedback may wait (gateway.feedback.pending-max, as of the last sweep plus this replica's since). */
    public boolean full() {
        return waiting.get() >= config.pendingMax();
    }

    /** Counts one more waiting row until the next sweep counts them all. */
    public void kept() {
        waiting.incrementAndGet();
    }

    /** Moves waiting feedback of the given lists, just stored in the same transaction, into feedback. */
    public Uni<List<Matched>> match(SqlClient transaction, String[] requestIds) {
        return repository.matchUnmatched(transaction, requestIds);
    }

    /** Call once the transaction that matched them has committed. */
    public void recordMatched(List<Matched> taken) {
        for (Matched match : taken) {
            if (match.stored() != null) {
                matched.increment();
                metrics.stored(match.stored(), match.experiment(), match.variant());
            } else if (match.userId() != match.listUserId()) {
                rejected.increment();
                LOG.infof("waiting feedback on list %s dropped: the list was served to user %d, not %d",
                        match.requestId(), match.listUserId(), match.userId());
            } else {
                matched.increment(); // the same feedback was stored directly meanwhile
            }
            waiting.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    @Scheduled(every = "${gateway.feedback.pending-sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        Instant cutoff = Instant.now().minus(config.pendingTtl());
        return pool.withTransaction(tx -> match(tx, null)).invoke(this::recordMatched)
                .chain(() -> repository.expireUnmatched(pool, cutoff))
                .invoke(count -> {
                    expired.increment(count);
                    if (count > 0) {
                        LOG.infof("%d feedback rows expired: their lists did not arrive within %s", count,
                                config.pendingTtl());
                    }
                })
                .chain(() -> repository.countUnmatched(pool)).invoke(waiting::set)
                .onFailure().invoke(e -> LOG.warnf("sweep of waiting feedback failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
