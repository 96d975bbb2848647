package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.history.EvaluationRecord;
import dev.recsys.drift.monitor.history.FeatureRecord;
import dev.recsys.drift.monitor.history.HistoryRepository;
import dev.recsys.drift.quality.history.QualityHistoryRepository;
import dev.recsys.drift.quality.history.QualitySummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored evaluations in the shape of {@code status}, oldest window first, optionally one feature only. */
@ApplicationScoped
public class HistoryService {

    private final HistoryRepository repository;
    private final QualityHistoryRepository quality;

    public HistoryService(HistoryRepository repository, QualityHistoryRepository quality) {
        this.repository = repository;
        this.quality = quality;
    }

    public Map<String, Object> history(String model, String feature, long from, long to, int limit) {
        List<EvaluationRecord> evaluations = repository.evaluations(model, from, to, limit);
        Map<Long, Map<String, Object>> featuresByWindow = new HashMap<>();
        for (FeatureRecord row : repository.features(model, feature, from, to)) {
            featuresByWindow.computeIfAbsent(row.windowEnd, end -> new LinkedHashMap<>()).put(row.feature, feature(row));
        }
        Map<Long, QualitySummary> qualityByWindow = quality.summaries(model, from, to);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = evaluations.size() - 1; i >= 0; i--) {
            EvaluationRecord e = evaluations.get(i);
            Map<String, Object> features = featuresByWindow.getOrDefault(e.windowEnd, Map.of());
            if (feature != null && features.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("windowStart", e.windowStart);
            row.put("windowEnd", e.windowEnd);
            row.put("evaluatedAt", e.evaluatedAt.toEpochMilli());
            row.put("status", e.status);
            row.put("mode", e.mode);
            row.put("samples", e.samples);
            putIfPresent(row, "version", e.modelVersion);
            putIfPresent(row, "referenceSource", e.referenceSource);
            if (e.featureCount != null) {
                row.put("dataset", Map.of("driftedFeatures", e.driftedFeatures, "features", e.featureCount,
                        "share", e.driftShare, "driftDetected", e.driftDetected));
            }
            row.put("features", features);
            putIfPresent(row, "dataQuality", qualityByWindow.get(e.windowEnd));
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        putIfPresent(body, "feature", feature);
        body.put("from", from);
        body.put("to", to);
        body.put("evaluations", rows);
        return body;
    }

    private static Map<String, Object> feature(FeatureRecord row) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "method", row.method);
        putIfPresent(out, "statistic", row.statistic);
        putIfPresent(out, "pValue", row.pValue);
        out.put("threshold", row.threshold);
        out.put("driftDetected", row.driftDetected);
        putIfPresent(out, "type", row.type);
        putIfPresent(out, "errorBound", row.errorBound);
        putIfPresent(out, "error", row.error);
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
