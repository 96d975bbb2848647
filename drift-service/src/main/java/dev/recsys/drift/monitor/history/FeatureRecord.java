package dev.recsys.drift.monitor.history;

/** One feature's result in one stored evaluation (table drift_feature_result). */
public record FeatureRecord(long windowEnd, String feature, String method, String type, Double statistic,
                            Double pValue, double threshold, boolean driftDetected, Double errorBound, String error) {
}
