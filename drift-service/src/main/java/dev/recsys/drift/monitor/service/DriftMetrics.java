package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.monitor.sketch.Poison;
import dev.recsys.common.metrics.LatencyBuckets;
import dev.recsys.common.metrics.SettableGauges;
import dev.recsys.drift.quality.metrics.DataQualityMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The drift metrics of docs/architecture.md §6. Gauges follow the latest evaluation of each model (the shared
 * status in Redis, so every replica exposes the same values); counters count what this replica did and
 * start at 0 for every result once the model is watched ({@link #watched}).
 */
@ApplicationScoped
public class DriftMetrics {

    /** {@code drift_evaluations_total{model,result}}: the evaluation statuses, and a round that failed. */
    public static final List<String> RESULTS = List.of(EvaluationResult.OK, EvaluationResult.INSUFFICIENT_DATA,
            EvaluationResult.NO_REFERENCE, "error");

    private final MeterRegistry registry;
    private final SettableGauges gauges;
    private final Timer evaluationDuration;

    public DriftMetrics(MeterRegistry registry, SettableGauges gauges) {
        this.registry = registry;
        this.gauges = gauges;
        this.evaluationDuration = Timer.builder("drift.evaluation.duration")
                .description("Time to evaluate one drift window")
                .serviceLevelObjectives(LatencyBuckets.BUCKETS)
                .register(registry);
    }

    /** Registers the model's counters at 0, so dashboards and rate() see 0 rather than nothing. */
    public void watched(String model) {
        RESULTS.forEach(result -> evaluations(model, result));
        consumed(model, 0);
        Poison.REASONS.forEach(reason -> deadLetters(model, reason));
        DataQualityMetrics.registerViolations(registry, model);
    }

    public void recordEvaluation(String model, String result, long nanos) {
        evaluationDuration.record(Duration.ofNanos(nanos));
        evaluations(model, result).increment();
    }

    private Counter evaluations(String model, String result) {
        return Counter.builder("drift.evaluations").description("Window evaluations by outcome")
                .tags("model", model, "result", result).register(registry);
    }

    public void consumed(String model, long events) {
        Counter.builder("prediction.events.consumed").description("Prediction events summarised into sketches")
                .tag("model", model).register(registry).increment(events);
    }

    /** One prediction entry moved to {@code ml:deadletter:drift:{model}} ({@code reason}: docs/drift-monitoring.md). */
    public void deadLettered(String model, String reason) {
        deadLetters(model, reason).increment();
    }

    private Counter deadLetters(String model, String reason) {
        return Counter.builder("drift_deadletter_events_total")
                .description("Prediction stream entries the drift monitor moved to the dead-letter stream")
                .tags("model", model, "reason", reason).register(registry);
    }

    public void consumerLag(String model, long lag) {
        gauges.set("drift.consumer.lag.events", "Events in the stream not yet summarised into the drift sketches",
                lag, "model", model);
    }

    /** Sets the gauges from an evaluation (only ones that carry a verdict move the drift gauges). */
    public void publish(EvaluationResult result) {
        String model = result.model();
        gauges.set("drift.window.samples", "Events in the latest evaluated window", result.samples(), "model", model);
        if (result.dataset() == null) {
            return;
        }
        gauges.set("dataset.drift.share", "Share of drifted features in the latest window", result.dataset().share(),
                "model", model);
        gauges.set("dataset.drift.detected", "1 when the latest window shows dataset drift",
                result.dataset().driftDetected() ? 1 : 0, "model", model);
        result.features().forEach((feature, verdict) -> publishFeature(model, feature, verdict));
    }

    private void publishFeature(String model, String feature, FeatureVerdict verdict) {
        if (verdict.statistic() == null) {
            return;
        }
        gauges.set("data.drift.score", "Drift statistic of a feature in the latest window", verdict.statistic(),
                "model", model, "feature", feature, "method", verdict.method());
        gauges.set("data.drift.detected", "1 when the feature drifted in the latest window",
                verdict.driftDetected() ? 1 : 0, "model", model, "feature", feature);
    }
}
