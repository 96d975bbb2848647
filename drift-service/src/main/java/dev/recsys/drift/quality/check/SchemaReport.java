package dev.recsys.drift.quality.check;

import java.util.List;

/**
 * Schema violations of a window, each occurrence counted once.
 *
 * @param violations         the sum of all the counts below
 * @param unparsable         events that are not a JSON object
 * @param unsupportedVersion events with a {@code v} this service does not read
 * @param invalidEnvelope    events missing {@code v}, {@code eventId}, {@code ts} or {@code features}, or with them mistyped
 * @param wrongType          feature values of the wrong type (string for a number, number for a category, list, object)
 * @param unknownFeature     feature values under names the reference does not have
 * @param unknownFeatures    the most frequent of those names
 */
public record SchemaReport(int violations, int unparsable, int unsupportedVersion, int invalidEnvelope,
                           int wrongType, int unknownFeature, List<String> unknownFeatures) {
}
