package dev.recsys.drift.engine;

import java.util.Map;

/** Per-feature results (in request order) and the dataset verdict. */
public record DriftResult(Map<String, FeatureResult> features, DatasetResult dataset) {
}
