package dev.recsys.drift.quality.config;

import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.quality.check.QualityThresholds;
import dev.recsys.drift.quality.check.RangeBounds;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The documented {@code drift.quality.*} properties, beside the monitor's own {@code drift.*} mapping. */
class DataQualityConfigTest {

    /** Quarkus's config setup, as far as these mappings need it (durations like {@code 300s}). */
    private static DataQualityConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(MonitorConfig.class)
                .withMapping(DataQualityConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(DataQualityConfig.class);
    }

    @Test
    void defaultsAreTheDocumentedThresholds() {
        assertEquals(QualityThresholds.defaults(), load(Map.of("drift.window-size", "1m")).thresholds());
    }

    @Test
    void everyThresholdIsConfigurable() {
        QualityThresholds thresholds = load(Map.ofEntries(
                Map.entry("drift.window-size", "1m"),
                Map.entry("drift.quality.missing-share-change", "0.1"),
                Map.entry("drift.quality.out-of-range-share", "0.2"),
                Map.entry("drift.quality.range-bounds", "quantiles"),
                Map.entry("drift.quality.range-lower-quantile", "0.01"),
                Map.entry("drift.quality.range-upper-quantile", "0.99"),
                Map.entry("drift.quality.new-category-share", "0.3"),
                Map.entry("drift.quality.freshness", "10m"),
                Map.entry("drift.quality.correlation-change", "0.4"),
                Map.entry("drift.quality.max-duplicates", "5"),
                Map.entry("drift.quality.max-schema-violations", "6"),
                Map.entry("drift.quality.constant-min-samples", "50"),
                Map.entry("drift.quality.top-new-categories", "3"))).thresholds();

        assertEquals(new QualityThresholds(0.1, 0.2, RangeBounds.QUANTILES, 0.01, 0.99, 0.3, 600, 0.4, 5, 6, 50, 3),
                thresholds);
    }
}
