package dev.recsys.gateway.feedback.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.feedback.Feedback;
import dev.recsys.gateway.feedback.repository.FeedbackRepository;
import dev.recsys.gateway.feedback.repository.FeedbackRepository.StoreOutcome;
import dev.recsys.gateway.feedback.rest.FeedbackRequest;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.gateway.served.events.PredictionStreams;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Stores feedback. A list served a moment ago may not have been read from its stream yet: then the
 * stream tail is searched directly and the list and the feedback are stored in one transaction.
 */
@ApplicationScoped
public class FeedbackService {

    private static final Logger LOG = Logger.getLogger(FeedbackService.class);

    /** The stored feedback and whether this call stored it (false: it was stored before). */
    public record Submitted(Feedback feedback, boolean created) {
    }

    private final Pool pool;
    private final FeedbackRepository feedback;
    private final ServedListRepository servedLists;
    private final PredictionStreams streams;
    private final FeedbackMetrics metrics;
    private final int retryAfterSeconds;

    public FeedbackService(Pool pool, FeedbackRepository feedback, ServedListRepository servedLists,
            PredictionStreams streams, FeedbackMetrics metrics, GatewayConfig config) {
        this.pool = pool;
        this.feedback = feedback;
        this.servedLists = servedLists;
        this.streams = streams;
        this.metrics = metrics;
        this.retryAfterSeconds = config.feedback().retryAfterSeconds();
    }

    @WithSpan("FeedbackService.submit")
    public Uni<Submitted> submit(FeedbackRequest request) {
        return feedback.store(pool, request)
                .chain(outcome -> outcome.listKnown() ? resolve(request, outcome) : storeWithListFromStream(request))
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(this::unavailable);
    }

    private Uni<Submitted> storeWithListFromStream(FeedbackRequest request) {
        return Uni.createFrom().item(() -> streams.find(request.requestId()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> found
                        .map(list -> pool.withTransaction(tx -> servedLists.insert(tx, list)
                                .chain(() -> feedback.store(tx, request))))
                        .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound(
                                "requestId: no served list " + request.requestId() + " is known"))))
                .chain(outcome -> resolve(request, outcome));
    }

    private Uni<Submitted> resolve(FeedbackRequest request, StoreOutcome outcome) {
        if (outcome.stored() != null) {
            metrics.stored(outcome.stored(), outcome.experiment(), outcome.variant());
            return Uni.createFrom().item(new Submitted(outcome.stored(), true));
        }
        if (outcome.listUserId() != request.userId()) {
            return Uni.createFrom().failure(ProblemException.badRequest("userId",
                    "list " + request.requestId() + " was served to another user"));
        }
        return feedback.find(pool, request.requestId(), request.movieId(), request.event())
                .map(existing -> new Submitted(existing.orElseThrow(
                        () -> new IllegalStateException("feedback neither stored nor found")), false));
    }

    private Throwable unavailable(Throwable failure) {
        LOG.warnf("feedback not stored: %s", failure.toString());
        return ProblemException.unavailable(
                "feedback store unavailable (PostgreSQL or the prediction streams); nothing was stored, retry later",
                retryAfterSeconds);
    }
}
