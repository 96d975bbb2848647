package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.common.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drift metrics of docs/architecture.md §6. Gauges follow the latest evaluation of each model (the shared
 * status in Redis, so every replica exposes the same values); counters count what this replica did.
 */
@ApplicationScoped
public class DriftMetrics {

    private final MeterRegistry registry;
    private final Timer evaluationDuration;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluationDuration = Timer.builder("drift_evaluation_duration_seconds")
                .description("Time to evaluate one drift window")
                .serviceLevelObjectives(LatencyBuckets.BUCKETS)
                .register(registry);
    }

    public void recordEvaluation(String model, String result, long nanos) {
        evaluationDuration.record(Duration.ofNanos(nanos));
        Counter.builder("drift_evaluations_total").description("Window evaluations by outcome")
                .tags("model", model, "result", result).register(registry).increment();
    }

    public void consumed(String model, long events) {
        Counter.builder("prediction_events_consumed_total").description("Prediction events summarised into sketches")
                .tag("model", model).register(registry).increment(events);
    }

    public void consumerLag(String model, long lag) {
        gauge("drift_consumer_lag_events", "Events in the stream not yet read by the drift consumer group",
                lag, "model", model);
    }

    /** Sets the gauges from an evaluation (only ones that carry a verdict move the drift gauges). */
    public void publish(EvaluationResult result) {
        String model = result.model();
        gauge("drift_window_samples", "Events in the latest evaluated window", result.samples(), "model", model);
        if (result.dataset() == null) {
            return;
        }
        gauge("dataset_drift_share", "Share of drifted features in the latest window", result.dataset().share(),
                "model", model);
        gauge("dataset_drift_detected", "1 when the latest window shows dataset drift",
                result.dataset().driftDetected() ? 1 : 0, "model", model);
        result.features().forEach((feature, verdict) -> publishFeature(model, feature, verdict));
    }

    private void publishFeature(String model, String feature, FeatureVerdict verdict) {
        if (verdict.statistic() == null) {
            return;
        }
        gauge("data_drift_score", "Drift statistic of a feature in the latest window", verdict.statistic(),
                "model", model, "feature", feature, "method", verdict.method());
        gauge("data_drift_detected", "1 when the feature drifted in the latest window",
                verdict.driftDetected() ? 1 : 0, "model", model, "feature", feature);
    }

    private void gauge(String name, String description, double value, String... tags) {
        String id = name + String.join("\u0000", tags);
        AtomicLong bits = gauges.computeIfAbsent(id, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get())).description(description).tags(tags)
                    .register(registry);
            return holder;
        });
        bits.set(Double.doubleToLongBits(value));
    }
}
