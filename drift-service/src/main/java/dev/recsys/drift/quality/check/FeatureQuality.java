package dev.recsys.drift.quality.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Data quality of one reference feature in a window. Numerical fields are absent for categorical
 * features and vice versa; shares are absent when there was nothing to divide by.
 *
 * @param present                 events with a usable value
 * @param missing                 events where the feature was absent or null
 * @param wrongType               events with a value of the wrong type (counted as schema violations)
 * @param outOfRangeShare         share of values outside the reference [min, max]
 * @param outOfQuantileRangeShare share of values outside the reference [lower, upper] quantiles
 * @param newCategoryShare        share of values the reference never had
 * @param newCategories           the most frequent of those, most frequent first
 * @param constant                every window value is the same while the reference varies
 * @param violations              ids of the per-feature checks this feature violates
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureQuality(String type, int present, int missing, int wrongType, Double missingShare,
                             double referenceMissingShare, Double missingShareChange,
                             Double min, Double max, Double referenceMin, Double referenceMax,
                             Double referenceLowerQuantile, Double referenceUpperQuantile,
                             Double outOfRangeShare, Double outOfQuantileRangeShare,
                             Integer distinct, Double newCategoryShare, List<CategoryCount> newCategories,
                             boolean constant, List<String> violations) {
}
