package dev.recsys.drift.quality.config;

import dev.recsys.drift.quality.check.QualityThresholds;
import dev.recsys.drift.quality.check.RangeBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits of the data-quality checks run with every drift window ({@code drift.quality.*}). */
@ConfigMapping(prefix = "drift.quality")
public interface DataQualityConfig {

    /** Largest tolerated |window − reference| missing share of a feature. */
    @WithDefault("0.05")
    double missingShareChange();

    /** Largest tolerated share of a numerical feature's values outside the reference range. */
    @WithDefault("0.05")
    double outOfRangeShare();

    /** The reference range: {@code min-max} or {@code quantiles} ([range-lower-quantile, range-upper-quantile]). */
    @WithDefault("min-max")
    RangeBounds rangeBounds();

    @WithDefault("0.001")
    double rangeLowerQuantile();

    @WithDefault("0.999")
    double rangeUpperQuantile();

    /** Largest tolerated share of a categorical feature's values never seen in the reference. */
    @WithDefault("0.05")
    double newCategoryShare();

    /** Oldest tolerated newest event of a model. */
    @WithDefault("300s")
    Duration freshness();

    /** Largest tolerated |window − reference| Pearson or Spearman coefficient. */
    @WithDefault("0.3")
    double correlationChange();

    /** Most duplicate events (repeated eventId) tolerated in a window. */
    @WithDefault("0")
    long maxDuplicates();

    /** Most schema violations tolerated in a window. */
    @WithDefault("0")
    long maxSchemaViolations();

    /** Values a feature needs in a window before it can be called constant. */
    @WithDefault("100")
    int constantMinSamples();

    /** Unseen categories and unknown feature names named per result. */
    @WithDefault("5")
    int topNewCategories();

    default QualityThresholds thresholds() {
        return new QualityThresholds(missingShareChange(), outOfRangeShare(), rangeBounds(), rangeLowerQuantile(),
                rangeUpperQuantile(), newCategoryShare(), freshness().toMillis() / 1000.0, correlationChange(),
                maxDuplicates(), maxSchemaViolations(), constantMinSamples(), topNewCategories());
    }
}
