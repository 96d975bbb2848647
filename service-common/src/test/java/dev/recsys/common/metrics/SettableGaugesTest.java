package dev.recsys.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;

/** The settable gauges, read from the Prometheus text the services serve. */
class SettableGaugesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SettableGauges gauges = new SettableGauges(registry);

    /** The Prometheus text as the services serve it (OpenMetrics: no trailing comma after the labels). */
    private String scrape() {
        return registry.scrape(TextFormat.CONTENT_TYPE_OPENMETRICS_100);
    }

    private double sample(String series) {
        return scrape().lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst()
                .orElse(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aGaugeIsRegisteredOnceAndFollowsTheLastValueSet() {
        gauges.set("model.loaded", "1 while the version serves", 1, "model", "m", "version", "1");
        gauges.set("model.loaded", "1 while the version serves", 0, "model", "m", "version", "1");
        gauges.set("model.loaded", "1 while the version serves", 1, "model", "m", "version", "2");

        assertEquals(0, sample("model_loaded{model=\"m\",version=\"1\"}"));
        assertEquals(1, sample("model_loaded{model=\"m\",version=\"2\"}"));
        assertEquals(2, registry.find("model.loaded").gauges().size());
    }

    @Test
    void nanIsExportedAsUnknownAndARemovedSeriesDisappears() {
        gauges.set("recommendation.cache.size", "Lists cached", Double.NaN, "model", "m");
        assertTrue(Double.isNaN(sample("recommendation_cache_size{model=\"m\"}")));

        gauges.remove("recommendation.cache.size", "model", "m");
        assertEquals(Double.NEGATIVE_INFINITY, sample("recommendation_cache_size{model=\"m\"}"));
        gauges.set("recommendation.cache.size", "Lists cached", 3, "model", "m");
        assertEquals(3, sample("recommendation_cache_size{model=\"m\"}"));
    }

    @Test
    void replaceKeepsExactlyTheRowsOfTheLatestComputation() {
        Map<Tags, Double> first = new LinkedHashMap<>();
        first.put(Tags.of("model", "m", "genre", "Drama"), 0.6);
        first.put(Tags.of("model", "m", "genre", "Comedy"), 0.4);
        gauges.replace("recommendation.genre.share", "Share per genre", first);
        gauges.set("model.rmse", "Online RMSE", 0.9, "model", "m");

        gauges.replace("recommendation.genre.share", "Share per genre",
                Map.of(Tags.of("model", "m", "genre", "Drama"), 1.0));

        assertEquals(1.0, sample("recommendation_genre_share{genre=\"Drama\",model=\"m\"}"));
        assertEquals(Double.NEGATIVE_INFINITY, sample("recommendation_genre_share{genre=\"Comedy\",model=\"m\"}"));
        assertEquals(0.9, sample("model_rmse{model=\"m\"}"), "other gauges are left alone");
    }
}
