package dev.recsys.drift.quality.check;

import java.util.Objects;

/**
 * When a check is violated. Every check is violated when its value is strictly above its limit.
 *
 * @param missingShareChange  |window missing share − reference missing share| of any feature
 * @param outOfRangeShare     share of a numerical feature's values outside {@code rangeBounds}
 * @param rangeBounds         which reference interval the range check uses
 * @param lowerQuantile       level of the lower reference quantile bound (0.001)
 * @param upperQuantile       level of the upper reference quantile bound (0.999)
 * @param newCategoryShare    share of a categorical feature's values the reference never had
 * @param freshnessSeconds    age of the newest event
 * @param correlationChange   |window − reference| of any Pearson or Spearman coefficient
 * @param maxDuplicates       events repeating an earlier eventId of the window
 * @param maxSchemaViolations unreadable events, wrongly typed values and unknown feature names
 * @param constantMinSamples  values a feature needs in the window before "constant" means anything
 * @param topNewCategories    how many unseen categories a result names per feature
 */
public record QualityThresholds(double missingShareChange, double outOfRangeShare, RangeBounds rangeBounds,
                                double lowerQuantile, double upperQuantile, double newCategoryShare, double freshnessSeconds, double correlationChange,
                                long maxDuplicates, long maxSchemaViolations, int constantMinSamples,
                                int topNewCategories) {

    public QualityThresholds {
        Objects.requireNonNull(rangeBounds, "rangeBounds");
        if (!(lowerQuantile >= 0 && lowerQuantile < upperQuantile && upperQuantile <= 1)) {
            throw new IllegalArgumentException("quantile levels must satisfy 0 <= lower < upper <= 1");
        }
    }

    /** The documented defaults (docs/data-quality.md). */
    public static QualityThresholds defaults() {
        return new QualityThresholds(0.05, 0.05, RangeBounds.MIN_MAX, 0.001, 0.999, 0.05, 300, 0.3, 0, 0, 100, 5);
    }
}
