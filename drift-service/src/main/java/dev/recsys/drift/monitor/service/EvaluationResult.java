package dev.recsys.drift.monitor.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recsys.drift.engine.DatasetResult;
import dev.recsys.drift.engine.EffectSize;
import dev.recsys.drift.engine.FeatureResult;
import dev.recsys.drift.monitor.reference.ReferenceOrigin;
import dev.recsys.drift.monitor.reference.ReferenceProfile;
import dev.recsys.drift.monitor.stream.TraceRef;
import dev.recsys.drift.quality.check.DataQualityResult;

import java.util.List;
import java.util.Map;

/**
 * One window evaluation as {@code status}, {@code evaluate} and the report show it. Features and
 * dataset are shaped as in {@code POST /api/v1/drift/compare}; they are absent unless
 * {@code status} is {@code ok}.
 *
 * @param mode        {@code exact} (raw events) or {@code sketch} (merged per-minute sketches)
 * @param sketch      accuracy of a sketch-mode evaluation, absent in exact mode
 * @param reference   where the reference came from
 * @param dataQuality data-quality checks of the window (docs/data-quality.md); absent without a
 *                    reference; in sketch mode judged on the newest events only ({@code sample})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(
        String model,
        String status,
        long windowStart,
        long windowEnd,
        long samples,
        String mode,
        String version,
        ReferenceInfo reference,
        Map<String, FeatureVerdict> features,
        DatasetResult dataset,
        SketchAccuracy sketch,
        List<TraceRef> sampleTraces,
        long evaluatedAt,
        double durationSeconds,
        DataQualityResult dataQuality) {

    public static final String OK = "ok";
    public static final String INSUFFICIENT_DATA = "insufficient_data";
    public static final String NO_REFERENCE = "no_reference";

    /**
     * The reference used: {@code repository} (reference.json of {@code version}, {@code file} relative to the
     * model repository), {@code admin} (uploaded by PUT …/reference at {@code updatedAt}) or {@code baseline}
     * (the model's own events with {@code from <= ts < to}, pinned at {@code updatedAt}); see {@link ReferenceOrigin}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferenceInfo(String source, String version, String file, Long updatedAt, Long from, Long to,
                                Integer events, int samples) {

        public static ReferenceInfo of(ReferenceProfile profile) {
            ReferenceOrigin o = profile.origin();
            return new ReferenceInfo(o.source(), o.version(), o.file(), o.updatedAt(), o.from(), o.to(), o.events(),
                    profile.samples());
        }
    }

    /**
     * Sketch accuracy: KLL normalized rank error of the merged numeric sketches (99% confidence) and
     * the frequent-items sketch parameters.
     */
    public record SketchAccuracy(int kllK, double normalizedRankError, int itemsMapSize) {
    }

    /**
     * A feature's verdict as compare reports it, plus {@code errorBound} in sketch mode: the largest
     * difference from the exact statistic the sketch allows (ks: the rank error; wasserstein: rank
     * error × range / reference std; label features: 0 while their counts are exact). Binned
     * statistics of numbers (psi, kl, jensenshannon, hellinger, chisquare, z) give instead
     * {@code shareErrorBound}, the bound on each bin's share. {@code alpha}, {@code thresholdSource} and
     * {@code effectSize} are as in compare (docs/statistics.md §6).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeatureVerdict(String method, Double statistic, Double pValue, double threshold,
                                 boolean driftDetected, String type, String error, Map<String, Object> details,
                                 Double errorBound, Double shareErrorBound, Double alpha, String thresholdSource,
                                 EffectSize effectSize) {

        public static FeatureVerdict of(FeatureResult result, Double errorBound, Double shareErrorBound) {
            return new FeatureVerdict(result.method(), result.statistic(), result.pValue(),
                    result.threshold() == null ? Double.NaN : result.threshold(),
                    result.driftDetected(), result.type() == null ? null : result.type().id(), result.error(),
                    result.details(), errorBound, shareErrorBound, result.alpha(), result.thresholdSource(),
                    result.effectSize());
        }
    }
}
