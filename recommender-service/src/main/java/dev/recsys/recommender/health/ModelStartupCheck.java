package dev.recsys.recommender.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import dev.recsys.recommender.model.service.ModelLifecycle;

/** Started once the first model load (successful or not) has finished. */
@Startup
@ApplicationScoped
public class ModelStartupCheck implements HealthCheck {

    private final ModelLifecycle lifecycle;

    public ModelStartupCheck(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model-startup").status(lifecycle.startupDone()).build();
    }
}
