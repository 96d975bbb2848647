package dev.recsys.drift.compare.service;

import dev.recsys.drift.engine.Correction;
import dev.recsys.drift.engine.FeatureInput;
import java.util.Map;

/** A validated compare request: per-feature inputs in request order, driftShare and optional correction. */
public record CompareRequest(Map<String, FeatureInput> features, double driftShare, Correction correction) {
}
