package dev.recsys.gateway.health.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.recsys.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Redis in the gateway's readiness: losing it only degrades the gateway (no new served lists are
 * learnt while it is gone; feedback on stored lists is still accepted, and feedback on the others
 * waits), so the check stays UP and says {@code redis: degraded} in its data, and
 * dependency_degraded{dependency="redis"} is 1. (Quarkus' own Redis check, which would turn
 * readiness DOWN, is off: quarkus.redis.health.enabled=false.)
 */
@Readiness
@Startup // the gauge is exported from start-up, not from the first readiness call
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;
    private final AtomicInteger degraded = new AtomicInteger();

    public RedisReadinessCheck(ReactiveRedisDataSource redis, GatewayConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.timeout = config.services().timeout();
        Gauge.builder("dependency.degraded", degraded, AtomicInteger::get)
                .description("1 while a dependency whose loss only degrades the gateway is unavailable")
                .tag("dependency", "redis").register(registry);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING").ifNoItem().after(timeout).fail()
                .map(ignored -> {
                    degraded.set(0);
                    return HealthCheckResponse.named("redis").up().withData("redis", "up").build();
                })
                .onFailure().recoverWithItem(failure -> {
                    degraded.set(1);
                    return HealthCheckResponse.named("redis").up()
                            .withData("redis", "degraded: " + failure.getClass().getSimpleName()
                                    + "; no new served lists are learnt, feedback on unknown lists waits")
                            .build();
                });
    }
}
