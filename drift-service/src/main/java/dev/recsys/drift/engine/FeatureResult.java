package dev.recsys.drift.engine;

import java.util.Map;

/**
 * One feature's verdict. {@code pValue} is {@code null} for distances; on a per-feature error
 * (e.g. empty after cleaning) {@code error} is set, {@code statistic} is {@code null} and
 * {@code driftDetected} is false; {@code method} and {@code threshold} are
 * {@code null} when no method was requested (the default one depends on the data). {@code details} carries extras such as the raw Wasserstein
 * distance or the corrected threshold; it may be {@code null}.
 *
 * @param alpha           the false-alarm probability a calibrated threshold was derived for; {@code null} when fixed
 * @param thresholdSource how the threshold was set: {@link Threshold#FIXED} or one of the {@code auto:*} derivations
 * @param effectSize      how much the feature changed; {@code null} on errors
 */
public record FeatureResult(
        String method,
        Double statistic,
        Double pValue,
        Double threshold,
        boolean driftDetected,
        FeatureType type,
        String error,
        Map<String, Object> details,
        Double alpha,
        String thresholdSource,
        EffectSize effectSize) {

    /** A verdict with a fixed threshold and no effect size (callers that build results by hand). */
    public FeatureResult(String method, Double statistic, Double pValue, Double threshold, boolean driftDetected,
                         FeatureType type, String error, Map<String, Object> details) {
        this(method, statistic, pValue, threshold, driftDetected, type, error, details, null,
                threshold == null ? null : Threshold.FIXED, null);
    }

    /** A feature that could not be evaluated; it never counts as drifted and has no derivation or effect size. */
    public static FeatureResult error(DriftMethod method, Double threshold, FeatureType type, String error) {
        return new FeatureResult(method == null ? null : method.id(), null, null, threshold, false, type, error, null,
                null, null, null);
    }

    public boolean isError() {
        return error != null;
    }

    /** The same result with another verdict and details (used by the multiple-testing correction). */
    public FeatureResult withVerdict(boolean drift, Map<String, Object> newDetails) {
        return new FeatureResult(method, statistic, pValue, threshold, drift, type, error, newDetails, alpha,
                thresholdSource, effectSize);
    }
}
