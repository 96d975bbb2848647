package dev.recsys.drift.monitor.service;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftInputException;
import dev.recsys.drift.engine.DriftMethod;
import dev.recsys.drift.engine.DriftResult;
import dev.recsys.drift.engine.FeatureResult;
import dev.recsys.drift.engine.FeatureSpec;
import dev.recsys.drift.engine.NumpyMath;
import dev.recsys.drift.engine.PreparedReference;
import dev.recsys.drift.monitor.archive.ReportArchive;
import dev.recsys.drift.monitor.ValueRange;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.history.HistoryWriter;
import dev.recsys.drift.monitor.reference.ReferenceProfile;
import dev.recsys.drift.monitor.reference.ReferenceService;
import dev.recsys.drift.monitor.report.FeatureHistogram;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.monitor.service.EvaluationResult.ReferenceInfo;
import dev.recsys.drift.monitor.stream.TraceRef;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.service.DataQualityService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one window of one model: reads it, picks the reference, runs the statistics engine
 * per feature against the prepared reference, and publishes the result (history
 * row or its queue entry, then the shared status, metrics, the archived report when due). Each evaluation is a span linked to sample request traces of its window.
 */
@ApplicationScoped
public class WindowEvaluator {

    private final WindowReader reader;
    private final ReferenceService references;
    private final StatusStore statuses;
    private final HistoryWriter history;
    private final DriftMetrics metrics;
    private final MonitorConfig config;
    private final Tracer tracer;
    private final DataQualityService quality;
    private final ReportArchive archive;
    private final DriftEngine engine = new DriftEngine();

    public WindowEvaluator(WindowReader reader, ReferenceService references, StatusStore statuses,
                           HistoryWriter history, DriftMetrics metrics, MonitorConfig config, Tracer tracer,
                           DataQualityService quality, ReportArchive archive) {
        this.reader = reader;
        this.references = references;
        this.statuses = statuses;
        this.history = history;
        this.metrics = metrics;
        this.config = config;
        this.tracer = tracer;
        this.quality = quality;
        this.archive = archive;
    }

    /** Evaluates the window ending at {@code end} (epoch ms) and publishes the result. */
    public StoredEvaluation evaluateAndPublish(String model, long end) {
        long started = System.nanoTime();
        ModelWindow window = ModelWindow.of(config, model);
        WindowData data = reader.read(model, window, end);
        StoredEvaluation evaluation = traced(model, data, () -> evaluate(model, window, data, started));
        // history first (its row, or its queue entry while PostgreSQL cannot take it): a replica killed
        // between the two leaves the window unpublished, so the next owner evaluates it again (rows are
        // idempotent); published first, its history would never be written
        history.write(evaluation.result());
        statuses.store(evaluation);
        archive.archiveIfDue(evaluation);
        if (evaluation.result().dataQuality() != null) {
            quality.publish(evaluation.result().dataQuality());
        }
        metrics.publish(evaluation.result());
        metrics.recordEvaluation(model, evaluation.result().status(), System.nanoTime() - started);
        return evaluation;
    }

    /** Evaluates already read window data against the model's current reference (no publishing). */
    StoredEvaluation evaluate(String model, ModelWindow window, WindowData data, long startedNanos) {
        Optional<ReferenceProfile> reference = references.resolve(model, data.version());
        if (reference.isEmpty()) {
            return new StoredEvaluation(result(model, data, EvaluationResult.NO_REFERENCE, null, null, null, null,
                    startedNanos), Map.of());
        }
        ReferenceProfile profile = reference.get();
        ReferenceInfo info = ReferenceInfo.of(profile);
        // data quality needs no minimum sample (a stalled or broken stream matters most when windows are small)
        DataQualityResult dataQuality = quality.check(model, profile.quality(), data.quality());
        if (data.samples() < window.minSamples()) {
            return new StoredEvaluation(result(model, data, EvaluationResult.INSUFFICIENT_DATA, info, null, null,
                    dataQuality, startedNanos), Map.of());
        }
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        Map<String, FeatureHistogram> histograms = new LinkedHashMap<>();
        profile.features().forEach((feature, ref) -> {
            Column current = data.columns().getOrDefault(feature, new Column.Numbers(new double[0]));
            results.put(feature, evaluateFeature(feature, ref, current, window.spec(feature)));
            if (ref.size() > 0 && current.size() > 0) {
                histograms.put(feature, FeatureHistogram.of(ref.column(), current));
            }
        });
        DriftResult drift = engine.summarize(results, window.driftShare(), null);
        Map<String, FeatureVerdict> verdicts = new LinkedHashMap<>();
        drift.features().forEach((feature, result) ->
                verdicts.put(feature, verdict(feature, result, profile.features().get(feature), data)));
        return new StoredEvaluation(result(model, data, EvaluationResult.OK, info, verdicts, drift, dataQuality,
                startedNanos), histograms);
    }

    /** A configured method that does not fit the data (e.g. ks on labels) is that feature's error, not the window's. */
    private FeatureResult evaluateFeature(String feature, PreparedReference reference, Column current, FeatureSpec spec) {
        try {
            return engine.evaluate(feature, reference, current, spec);
        } catch (DriftInputException e) {
            DriftMethod method = spec.method();
            double threshold = spec.threshold() != null ? spec.threshold()
                    : spec.auto() ? Double.NaN : method == null ? Double.NaN : method.defaultThreshold();
            return FeatureResult.error(method, threshold, null, e.getMessage());
        }
    }

    /** Adds the sketch error bound: see {@link FeatureVerdict}. */
    private static FeatureVerdict verdict(String feature, FeatureResult result, PreparedReference reference,
                                          WindowData data) {
        if (!WindowData.SKETCH.equals(data.mode()) || result.isError()) {
            return FeatureVerdict.of(result, null, null);
        }
        Double shareError = data.shareErrors().get(feature);
        if (shareError != null) {
            return FeatureVerdict.of(result, shareError == 0 ? 0.0 : null, shareError);
        }
        double rankError = data.rankErrors().getOrDefault(feature, 0.0);
        DriftMethod method = DriftMethod.fromId(result.method());
        if (method == DriftMethod.KS) {
            return FeatureVerdict.of(result, rankError, null);
        }
        if (method == DriftMethod.WASSERSTEIN && data.columns().get(feature) instanceof Column.Numbers current
                && reference.column() instanceof Column.Numbers ref) {
            // |W1(sketch) − W1| ≤ ε · range, and the statistic is W1 / max(std(ref), 0.001)
            double range = ValueRange.of(current.values(), ref.values()).width();
            double norm = Math.max(NumpyMath.populationStd(ref.values()), 0.001);
            return FeatureVerdict.of(result, rankError * range / norm, null);
        }
        return FeatureVerdict.of(result, null, 2 * rankError);
    }

    private EvaluationResult result(String model, WindowData data, String status, ReferenceInfo reference,
                                    Map<String, FeatureVerdict> features, DriftResult drift,
                                    DataQualityResult dataQuality, long startedNanos) {
        return new EvaluationResult(model, status, data.start(), data.end(), data.samples(), data.mode(),
                data.version(), reference, features, drift == null ? null : drift.dataset(), data.accuracy(),
                data.traces(), System.currentTimeMillis(), (System.nanoTime() - startedNanos) / 1e9, dataQuality);
    }

    private StoredEvaluation traced(String model, WindowData data, java.util.function.Supplier<StoredEvaluation> work) {
        var builder = tracer.spanBuilder("drift.evaluate " + model).setNoParent()
                .setAttribute("drift.model", model)
                .setAttribute("drift.mode", data.mode())
                .setAttribute("drift.window.samples", data.samples())
                .setAttribute("drift.window.start", data.start())
                .setAttribute("drift.window.end", data.end());
        List<TraceRef> traces = data.traces();
        for (TraceRef trace : traces) {
            builder.addLink(SpanContext.createFromRemoteParent(trace.traceId(), trace.spanId(), TraceFlags.getSampled(),
                    TraceState.getDefault()), Attributes.of(AttributeKey.stringKey("drift.link"), "window sample"));
        }
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            StoredEvaluation evaluation = work.get();
            span.setAttribute("drift.status", evaluation.result().status());
            if (evaluation.result().dataset() != null) {
                span.setAttribute("drift.dataset.share", evaluation.result().dataset().share());
                span.setAttribute("drift.dataset.detected", evaluation.result().dataset().driftDetected());
            }
            return evaluation;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
