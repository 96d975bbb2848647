package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.report.FeatureHistogram;

import java.util.Map;

/** The latest evaluation of a model with the chart data its report draws. */
public record StoredEvaluation(EvaluationResult result, Map<String, FeatureHistogram> histograms) {
}
