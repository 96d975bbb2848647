package dev.recsys.common.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * The explicit latency buckets of docs/architecture.md §6 (0.5 ms to 10 s), for the services' own timers and for the built-in
 * {@code http_server_requests_seconds}, so the p95/p99 recording rules and HighAPILatency cover every service.
 */
public class LatencyBuckets {

    public static final Duration[] BUCKETS = {
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Produces
    @Singleton
    public MeterFilter httpServerBuckets() {
        double[] nanos = new double[BUCKETS.length];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = BUCKETS[i].toNanos();
        }
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("http.server.requests")
                        ? DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config)
                        : config;
            }
        };
    }
}
