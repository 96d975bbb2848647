package dev.recsys.drift.quality.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One check's outcome for a window.
 *
 * @param threshold the limit the value was compared with
 * @param value     the measured value: the worst feature for per-feature checks, a count, an age in
 *                  seconds or the largest correlation change; absent when nothing could be measured
 * @param violated  value &gt; threshold
 * @param features  the features in violation (per-feature checks) or the pair with the largest change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckVerdict(double threshold, Double value, boolean violated, List<String> features) {
}
