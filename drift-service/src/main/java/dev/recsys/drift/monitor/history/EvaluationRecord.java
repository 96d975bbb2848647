package dev.recsys.drift.monitor.history;

import java.time.Instant;

/** A stored window evaluation (table drift_evaluation, one row per model and window end). */
public record EvaluationRecord(long windowStart, long windowEnd, Instant evaluatedAt, String status, String mode,
                               long samples, String modelVersion, String referenceSource, Integer driftedFeatures,
                               Integer featureCount, Double driftShare, Boolean driftDetected) {
}
