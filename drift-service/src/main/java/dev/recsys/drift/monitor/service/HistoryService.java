package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.history.EvaluationRecord;
import dev.recsys.drift.monitor.history.FeatureRecord;
import dev.recsys.drift.monitor.history.HistoryRepository;
import dev.recsys.drift.monitor.history.VerdictBucket;
import dev.recsys.drift.quality.history.QualityHistoryRepository;
import dev.recsys.drift.quality.history.QualitySummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored evaluations in the shape of {@code status}, oldest window first, optionally one feature
 * only; or, for long periods, counted per step.
 */
@ApplicationScoped
public class HistoryService {

    private final HistoryRepository repository;
    private final QualityHistoryRepository quality;

    public HistoryService(HistoryRepository repository, QualityHistoryRepository quality) {
        this.repository = repository;
        this.quality = quality;
    }

    /**
     * The newest {@code limit} evaluations with windowEnd in [from, to], oldest first. Feature and
     * quality rows are read for those windows only, so the answer is bounded by {@code limit}
     * whatever the period.
     */
    public Map<String, Object> history(String model, String feature, long from, long to, int limit) {
        List<EvaluationRecord> evaluations = repository.evaluations(model, from, to, limit);
        Map<String, Object> body = body(model, feature, from, to);
        List<Map<String, Object>> rows = new ArrayList<>();
        body.put("evaluations", rows);
        if (evaluations.isEmpty()) {
            return body;
        }
        long oldest = evaluations.get(evaluations.size() - 1).windowEnd();
        long newest = evaluations.get(0).windowEnd();
        Map<Long, Map<String, Object>> featuresByWindow = new HashMap<>();
        for (FeatureRecord row : repository.features(model, feature, oldest, newest)) {
            featuresByWindow.computeIfAbsent(row.windowEnd(), end -> new LinkedHashMap<>()).put(row.feature(), feature(row));
        }
        Map<Long, QualitySummary> qualityByWindow = quality.summaries(model, oldest, newest);
        for (int i = evaluations.size() - 1; i >= 0; i--) {
            EvaluationRecord e = evaluations.get(i);
            Map<String, Object> features = featuresByWindow.getOrDefault(e.windowEnd(), Map.of());
            if (feature != null && features.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("windowStart", e.windowStart());
            row.put("windowEnd", e.windowEnd());
            row.put("evaluatedAt", e.evaluatedAt().toEpochMilli());
            row.put("status", e.status());
            row.put("mode", e.mode());
            row.put("samples", e.samples());
            putIfPresent(row, "version", e.modelVersion());
            putIfPresent(row, "referenceSource", e.referenceSource());
            if (e.featureCount() != null) {
                row.put("dataset", Map.of("driftedFeatures", e.driftedFeatures(), "features", e.featureCount(),
                        "share", e.driftShare(), "driftDetected", e.driftDetected()));
            }
            row.put("features", features);
            putIfPresent(row, "dataQuality", qualityByWindow.get(e.windowEnd()));
            rows.add(row);
        }
        return body;
    }

    /**
     * A long period in steps of {@code step} ms, oldest first: per step the window range, how many
     * evaluations there were and how many found dataset drift, the largest drifted share, and the
     * features found drifted with their counts. Shaped like evaluations (dataset.driftDetected,
     * features.*.driftDetected), so a reader of single evaluations reads it too.
     */
    public Map<String, Object> steps(String model, String feature, long from, long to, long step) {
        Map<String, Object> body = body(model, feature, from, to);
        body.put("step", step);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VerdictBucket bucket : repository.buckets(model, feature, from, to, step)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("windowStart", bucket.windowStart());
            row.put("windowEnd", bucket.windowEnd());
            row.put("evaluations", bucket.evaluations());
            row.put("drifted", bucket.drifted());
            if (bucket.maxShare() != null) {
                row.put("dataset", Map.of("driftDetected", bucket.drifted() > 0, "share", bucket.maxShare()));
            }
            Map<String, Object> features = new LinkedHashMap<>();
            bucket.driftedFeatures().forEach((name, count) ->
                    features.put(name, Map.of("driftDetected", true, "drifted", count)));
            row.put("features", features);
            rows.add(row);
        }
        body.put("evaluations", rows);
        return body;
    }

    private static Map<String, Object> body(String model, String feature, long from, long to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        putIfPresent(body, "feature", feature);
        body.put("from", from);
        body.put("to", to);
        return body;
    }

    private static Map<String, Object> feature(FeatureRecord row) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "method", row.method());
        putIfPresent(out, "statistic", row.statistic());
        putIfPresent(out, "pValue", row.pValue());
        out.put("threshold", row.threshold());
        out.put("driftDetected", row.driftDetected());
        putIfPresent(out, "type", row.type());
        putIfPresent(out, "errorBound", row.errorBound());
        putIfPresent(out, "error", row.error());
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
