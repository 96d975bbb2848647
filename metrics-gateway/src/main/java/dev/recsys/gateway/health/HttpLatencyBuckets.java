package dev.recsys.gateway.health;

import java.time.Duration;
import java.util.stream.DoubleStream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives the built-in {@code http_server_requests_seconds} explicit buckets from 0.5 ms to 10 s (DESIGN §6), so
 * the p95/p99 recording rules and the HighAPILatency alert cover this service too.
 */
public class HttpLatencyBuckets {

    static final double[] BUCKETS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    @Produces
    @Singleton
    public MeterFilter httpServerBuckets() {
        double[] nanos = DoubleStream.of(BUCKETS_SECONDS).map(s -> s * Duration.ofSeconds(1).toNanos()).toArray();
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
