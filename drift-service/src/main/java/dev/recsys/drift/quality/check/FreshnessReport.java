package dev.recsys.drift.quality.check;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How old the model's newest event is at evaluation time.
 *
 * @param newestEventTs {@code ts} of the newest event seen for the model (epoch ms); absent when none ever was
 * @param ageSeconds    evaluation time minus that (never negative)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreshnessReport(Long newestEventTs, Double ageSeconds) {
}
