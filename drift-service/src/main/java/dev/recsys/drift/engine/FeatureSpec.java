package dev.recsys.drift.engine;

/**
 * Optional per-feature settings; every component may be {@code null} (default selection,
 * default threshold, type inferred from the values).
 *
 * @param alpha when set, {@code threshold: auto} (docs/statistics.md §6): the threshold is calibrated for this
 *              false-alarm probability per evaluation, {@code threshold} must be {@code null}, and without a
 *              method the two-sample default applies ({@link DriftEngine#twoSampleMethod})
 */
public record FeatureSpec(DriftMethod method, Double threshold, FeatureType type, Double alpha) {

    public static final FeatureSpec DEFAULT = new FeatureSpec(null, null, null, null);

    /** A spec with a fixed (or default Evidently) threshold. */
    public FeatureSpec(DriftMethod method, Double threshold, FeatureType type) {
        this(method, threshold, type, null);
    }

    /** {@code threshold: auto} at false-alarm probability {@code alpha}. */
    public static FeatureSpec auto(DriftMethod method, double alpha, FeatureType type) {
        return new FeatureSpec(method, null, type, alpha);
    }

    /** Whether the threshold is calibrated ({@code threshold: auto}). */
    public boolean auto() {
        return alpha != null;
    }
}
