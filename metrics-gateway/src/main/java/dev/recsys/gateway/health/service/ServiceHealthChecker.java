package dev.recsys.gateway.health.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.health.ServiceStatus;
import dev.recsys.gateway.health.ServicesHealth;
import dev.recsys.gateway.remote.RemoteResponse;
import dev.recsys.gateway.remote.RemoteServices;
import dev.recsys.common.metrics.SettableGauges;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Checks every service concurrently, each within the configured timeout, and keeps
 * {@code service_up{service}} in step with what it saw.
 */
@ApplicationScoped
public class ServiceHealthChecker {

    public static final List<String> SERVICES =
            List.of("recommender", "drift-service", "metrics-gateway", "redis", "postgresql");

    private static final String READINESS = "/q/health/ready";

    private final RemoteServices remote;
    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final GatewayConfig.Services config;
    private final Duration timeout;
    private final SettableGauges gauges;

    public ServiceHealthChecker(RemoteServices remote, ReactiveRedisDataSource redis, Pool pool,
            GatewayConfig config, SettableGauges gauges) {
        this.remote = remote;
        this.redis = redis;
        this.pool = pool;
        this.config = config.services();
        this.timeout = config.services().timeout();
        this.gauges = gauges;
    }

    @WithSpan("ServiceHealthChecker.check")
    public Uni<ServicesHealth> check() {
        return Uni.combine().all().unis(
                http(config.recommender().managementUrl() + READINESS),
                http(config.drift().managementUrl() + READINESS),
                http(config.gateway().managementUrl() + READINESS),
                local("redis://", redis.execute("PING").replaceWithVoid()),
                local("postgresql://", pool.query("select 1").execute().replaceWithVoid()))
                .with(results -> {
                    Map<String, ServiceStatus> services = new LinkedHashMap<>();
                    for (int i = 0; i < SERVICES.size(); i++) {
                        ServiceStatus status = (ServiceStatus) results.get(i);
                        services.put(SERVICES.get(i), status);
                        gauges.set("service.up",
                                "1 when the service answered its readiness check at the last health check",
                                status.up() ? 1 : 0, "service", SERVICES.get(i));
                    }
                    boolean allUp = services.values().stream().allMatch(ServiceStatus::up);
                    return new ServicesHealth(allUp ? ServiceStatus.UP : ServiceStatus.DOWN,
                            System.currentTimeMillis(), services);
                });
    }

    /** Keeps service_up current for Prometheus even when nobody asks for the health page. */
    @Scheduled(every = "${gateway.services.health-check-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return check().replaceWithVoid();
    }

    private Uni<ServiceStatus> http(String url) {
        return remote.get(url).map(response -> status(url, response));
    }

    private static ServiceStatus status(String url, RemoteResponse response) {
        return response.ok()
                ? new ServiceStatus(ServiceStatus.UP, response.latencyMs(), url, null)
                : new ServiceStatus(ServiceStatus.DOWN, response.latencyMs(), url, response.problem());
    }

    private Uni<ServiceStatus> local(String target, Uni<Void> probe) {
        long start = System.nanoTime();
        return probe.ifNoItem().after(timeout).fail()
                .map(ignored -> new ServiceStatus(ServiceStatus.UP, elapsedMs(start), target, null))
                .onFailure().recoverWithItem(failure -> new ServiceStatus(ServiceStatus.DOWN, elapsedMs(start),
                        target, failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    private static double elapsedMs(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
