package dev.recsys.drift.quality.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One correlation method, reference vs window. Matrices follow {@link CorrelationReport#features()}
 * order; {@code null} entries are undefined coefficients.
 *
 * @param maxChange largest |window − reference| over feature pairs where both are defined
 * @param pair      the pair where it occurs (the first in matrix order on ties)
 * @param change    window − reference
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorrelationChange(Double maxChange, List<String> pair, List<List<Double>> reference,
                                List<List<Double>> window, List<List<Double>> change) {
}
