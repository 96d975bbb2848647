package dev.recsys.recommender.catalog.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.recsys.recommender.catalog.service.CatalogAvailability;

/**
 * Reports the catalog database in the readiness data but stays UP: without it recommendations are still served
 * (only movie lookups and search answer 503), so taking the service out of the load balancer would only make
 * things worse. {@code dependency_degraded{dependency="postgresql"}} says the same to Prometheus.
 */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {

    private final CatalogAvailability catalog;

    public CatalogReadinessCheck(CatalogAvailability catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("catalog").up();
        if (!catalog.degraded()) {
            return builder.withData("postgresql", "up").build();
        }
        return builder.withData("postgresql", "degraded")
                .withData("impact", "movie lookups and search answer 503; recommendations are served")
                .withData("reason", catalog.reason()).build();
    }
}
