package dev.recsys.gateway.feedback.service;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.feedback.Feedback;
import dev.recsys.gateway.feedback.WaitingFeedback;
import dev.recsys.gateway.feedback.repository.FeedbackRepository;
import dev.recsys.gateway.feedback.repository.FeedbackRepository.StoreOutcome;
import dev.recsys.gateway.feedback.rest.FeedbackRequest;
import dev.recsys.common.rest.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Stores feedback. Feedback on a list that is not stored yet (served a moment ago, not read from its
 * stream yet) waits for it in feedback_unmatched (UnmatchedFeedback): nothing reads Redis here.
 */
@ApplicationScoped
public class FeedbackService {

    private static final Logger LOG = Logger.getLogger(FeedbackService.class);

    /**
     * What a submission did: stored now (created), stored before (feedback is the stored row), or
     * kept waiting for its list (waiting).
     */
    public record Submitted(Feedback feedback, boolean created, WaitingFeedback waiting) {
    }

    private final Pool pool;
    private final FeedbackRepository feedback;
    private final UnmatchedFeedback unmatched;
    private final FeedbackMetrics metrics;
    private final GatewayConfig.Feedback config;

    public FeedbackService(Pool pool, FeedbackRepository feedback, UnmatchedFeedback unmatched,
            FeedbackMetrics metrics, GatewayConfig config) {
        this.pool = pool;
        this.feedback = feedback;
        this.unmatched = unmatched;
        this.metrics = metrics;
        this.config = config.feedback();
    }

    @WithSpan("FeedbackService.submit")
    public Uni<Submitted> submit(FeedbackRequest request) {
        long deadline = System.nanoTime() + config.storeTimeout().toNanos();
        // the server refuses the COMMIT after this (gateway and PostgreSQL clocks agree within NTP's
        // milliseconds); a fifth of the timeout earlier, so a commit just in time is answered before the timeout
        long commitBy = System.currentTimeMillis() + config.storeTimeout().toMillis() * 4 / 5;
        return beforeDeadline(deadline, conn -> feedback.store(conn, request, commitBy))
                .chain(outcome -> outcome.listKnown() ? resolve(request, outcome)
                        : keepUnmatched(request, deadline, commitBy))
                .ifNoItem().after(config.storeTimeout()).fail()
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(this::unavailable);
    }

    /**
     * Runs a write in a transaction that commits only before the deadline: a submission already answered 503
     * (PostgreSQL hung or frozen past store-timeout) rolls back when the server wakes up, instead of storing
     * what the client was told was not stored. Checked here before the COMMIT is sent, and by the server at
     * COMMIT (the write's commitBy), for a server frozen after it received the COMMIT.
     */
    private <T> Uni<T> beforeDeadline(long deadline, Function<SqlConnection, Uni<T>> write) {
        return pool.withTransaction(conn -> write.apply(conn).invoke(() -> {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("store-timeout passed before commit; rolled back");
            }
        }));
    }

    private Uni<Submitted> keepUnmatched(FeedbackRequest request, long deadline, long commitBy) {
        if (unmatched.full()) {
            return Uni.createFrom().failure(ProblemException.notFound("requestId: no served list "
                    + request.requestId() + " is known, and " + config.pendingMax()
                    + " feedback rows already wait for theirs"));
        }
        return beforeDeadline(deadline, conn -> feedback.storeUnmatched(conn, request, commitBy)).invoke(kept -> {
            if (kept.created()) {
                unmatched.kept();
            }
        }).map(kept -> new Submitted(null, false, new WaitingFeedback(request.requestId(), kept.request().userId(),
                request.movieId(), request.event(), kept.request().rating(), kept.receivedAt(),
                kept.receivedAt() + config.pendingTtl().toMillis())));
    }

    private Uni<Submitted> resolve(FeedbackRequest request, StoreOutcome outcome) {
        if (outcome.stored() != null) {
            metrics.stored(outcome.stored(), outcome.experiment(), outcome.variant());
            return Uni.createFrom().item(new Submitted(outcome.stored(), true, null));
        }
        if (outcome.listUserId() != request.userId()) {
            return Uni.createFrom().failure(ProblemException.badRequest("userId",
                    "list " + request.requestId() + " was served to another user"));
        }
        return feedback.find(pool, request.requestId(), request.movieId(), request.event())
                .map(existing -> new Submitted(existing.orElseThrow(
                        () -> new IllegalStateException("feedback neither stored nor found")), false, null));
    }

    private Throwable unavailable(Throwable failure) {
        LOG.warnf("feedback not stored: %s", failure.toString());
        if (failure instanceof TimeoutException) {
            // a COMMIT that reached PostgreSQL just before it stalled may have been applied although its answer
            // never came back: no gateway can know, so say so; feedback_once makes the resubmission safe
            return ProblemException.unavailable("feedback store (PostgreSQL) did not answer within "
                    + config.storeTimeout().toMillis() + " ms; resubmit the same feedback: if it was stored after "
                    + "all, the repeat is answered 200 and never stored twice", config.retryAfterSeconds());
        }
        return ProblemException.unavailable("feedback store (PostgreSQL) unavailable; nothing was stored, retry later",
                config.retryAfterSeconds());
    }
}
