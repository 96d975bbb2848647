package dev.recsys.drift.quality.check;

/**
 * A numerical feature left out of one side's correlations.
 *
 * @param side   {@code reference} or {@code window}
 * @param reason {@code constant} or {@code no values}
 */
public record SkippedFeature(String feature, String side, String reason) {
}
