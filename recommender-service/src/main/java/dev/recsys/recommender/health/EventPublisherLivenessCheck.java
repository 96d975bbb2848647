package dev.recsys.recommender.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.recsys.recommender.recommend.events.PredictionEventPublisher;

/** Alive while the prediction-event sender runs; a restart is the only cure when it has died. */
@Liveness
@ApplicationScoped
public class EventPublisherLivenessCheck implements HealthCheck {

    private final PredictionEventPublisher events;

    public EventPublisherLivenessCheck(PredictionEventPublisher events) {
        this.events = events;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("prediction-event-publisher").status(events.senderAlive())
                .withData("buffered", events.buffered()).build();
    }
}
