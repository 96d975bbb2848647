package dev.recsys.drift.engine;

/**
 * Optional per-feature settings; every component may be {@code null} (default selection,
 * default threshold, type inferred from the values).
 */
public record FeatureSpec(DriftMethod method, Double threshold, FeatureType type) {

    public static final FeatureSpec DEFAULT = new FeatureSpec(null, null, null);
}
