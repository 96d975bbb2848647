package dev.recsys.drift.engine;

/** Dataset drift: {@code share = driftedFeatures / features}, detected when share ≥ driftShare. */
public record DatasetResult(int driftedFeatures, int features, double share, boolean driftDetected) {
}
