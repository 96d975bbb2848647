package dev.recsys.drift.quality.check;

import java.util.List;
import java.util.Map;

/**
 * Data quality of one window of a model's prediction events against the model's reference.
 *
 * @param model         the model
 * @param windowStart   epoch ms
 * @param windowEnd     epoch ms
 * @param evaluatedAt   epoch ms
 * @param events        events in the window, unreadable ones included
 * @param checkedEvents readable events without duplicates: the denominator of the per-feature shares
 * @param sample        the events were only the newest of a sketch-mode window: per-feature checks and
 *                      correlation were not judged ({@code features} is empty)
 * @param passed        no check violated
 * @param violations    ids of the violated checks
 * @param checks        every check by id: threshold, value, verdict
 * @param features      per reference feature, in name order
 */
public record DataQualityResult(String model, long windowStart, long windowEnd, long evaluatedAt, int events,
                                int checkedEvents, boolean sample, boolean passed, List<String> violations,
                                Map<String, CheckVerdict> checks, Map<String, FeatureQuality> features,
                                DuplicateReport duplicates, SchemaReport schema, FreshnessReport freshness,
                                CorrelationReport correlation) {
}
