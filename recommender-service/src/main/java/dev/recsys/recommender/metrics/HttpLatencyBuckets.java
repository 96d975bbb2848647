package dev.recsys.recommender.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/** Gives the built-in {@code http_server_requests_seconds} the same explicit buckets (0.5 ms..10 s) as our timers. */
public class HttpLatencyBuckets {

    @Produces
    @Singleton
    public MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] slos = new double[RecommenderMetrics.LATENCY_BUCKETS.length];
                for (int i = 0; i < slos.length; i++) {
                    slos[i] = RecommenderMetrics.LATENCY_BUCKETS[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }
}
