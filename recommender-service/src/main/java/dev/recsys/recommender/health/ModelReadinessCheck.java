package dev.recsys.recommender.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.recsys.recommender.model.service.ModelManager;
import dev.recsys.recommender.model.service.ServingState;

/** Ready only while a model serves; when none does (e.g. CUDA demanded but unavailable) the reason is in the data. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ModelManager models;

    public ModelReadinessCheck(ModelManager models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        ServingState state = models.state();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("model").withData("model", models.modelName());
        if (!state.loaded()) {
            return builder.down().withData("reason", String.valueOf(state.failure())).build();
        }
        builder.up().withData("version", state.control().versionLabel())
                .withData("provider", state.control().provider().name());
        state.runningExperiment().ifPresent(e -> builder.withData("experiment", e.name())
                .withData("treatmentVersion", state.treatment().versionLabel()));
        return builder.build();
    }
}
