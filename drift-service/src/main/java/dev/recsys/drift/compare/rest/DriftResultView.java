package dev.recsys.drift.compare.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recsys.drift.engine.DatasetResult;
import dev.recsys.drift.engine.DriftResult;
import dev.recsys.drift.engine.EffectSize;
import dev.recsys.drift.engine.FeatureResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON shape of a drift result (docs/architecture.md §4): {@code features} by name and {@code dataset};
 * absent values ({@code pValue} of distances, {@code error}, {@code details}) are omitted.
 */
public record DriftResultView(Map<String, Feature> features, DatasetResult dataset) {

    /**
     * One feature's verdict as JSON; {@code alpha}, {@code thresholdSource} and {@code effectSize}
     * (docs/statistics.md §6) follow the Evidently-shaped fields.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(String method, Double statistic, Double pValue, Double threshold, boolean driftDetected,
                          String type, String error, Map<String, Object> details, Double alpha,
                          String thresholdSource, EffectSize effectSize) {

        public static Feature of(FeatureResult r) {
            return new Feature(r.method(), r.statistic(), r.pValue(), r.threshold(), r.driftDetected(),
                    r.type() == null ? null : r.type().id(), r.error(), r.details(), r.alpha(), r.thresholdSource(),
                    r.effectSize());
        }
    }

    public static DriftResultView of(DriftResult result) {
        Map<String, Feature> features = new LinkedHashMap<>();
        result.features().forEach((name, r) -> features.put(name, Feature.of(r)));
        return new DriftResultView(features, result.dataset());
    }
}
