package dev.recsys.drift.quality.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Correlation change of the numerical features, reference vs window.
 *
 * @param features       the numerical features, in matrix order
 * @param pearson        Pearson matrices and their largest change
 * @param spearman       Spearman (average ranks for ties) matrices and their largest change
 * @param maxChange      the larger of the two methods' largest changes
 * @param maxChangePair  its feature pair
 * @param maxChangeMethod {@code pearson} or {@code spearman}
 * @param skipped        features with undefined correlations on a side, and why
 * @param note           why nothing was compared, when so
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorrelationReport(List<String> features, CorrelationChange pearson, CorrelationChange spearman,
                                Double maxChange, List<String> maxChangePair, String maxChangeMethod,
                                List<SkippedFeature> skipped, String note) {
}
