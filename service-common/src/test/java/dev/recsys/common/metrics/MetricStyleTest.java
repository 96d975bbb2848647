package dev.recsys.common.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;

/** The metric style of the services, as the Prometheus registry exports it. */
class MetricStyleTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private String scrape() {
        return registry.scrape(TextFormat.CONTENT_TYPE_OPENMETRICS_100);
    }

    @Test
    void dottedNamesExportTheSnakeCaseNamesOfTheContract() {
        registry.counter("recommendations.generated", "model", "m").increment();
        registry.counter("drift.evaluations", "model", "m", "result", "ok");
        io.micrometer.core.instrument.Timer.builder("drift.evaluation.duration").register(registry);
        String text = scrape();

        assertTrue(text.contains("recommendations_generated_total{model=\"m\"} 1.0"), text);
        assertTrue(text.contains("drift_evaluations_total{model=\"m\",result=\"ok\"} 0.0"), text);
        assertTrue(text.contains("drift_evaluation_duration_seconds_count 0.0"), text);
    }

    /**
     * Why metrics-gateway's user_rating stays a Prometheus client histogram: Micrometer's distribution summary rounds
     * a value up to a whole number before bucketing, so half-star buckets would count a 4.5 as a 5.
     */
    @Test
    void micrometerSummariesBucketValuesRoundedUp() {
        DistributionSummary ratings = DistributionSummary.builder("user.rating")
                .serviceLevelObjectives(4.0, 4.5, 5.0).register(registry);
        ratings.record(4.5);
        String text = scrape();

        assertTrue(text.contains("user_rating_bucket{le=\"4.5\"} 0.0"), text);
        assertTrue(text.contains("user_rating_bucket{le=\"5.0\"} 1.0"), text);
    }
}
