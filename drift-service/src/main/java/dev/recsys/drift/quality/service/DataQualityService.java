package dev.recsys.drift.quality.service;

import dev.recsys.drift.quality.check.DataQualityChecker;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.config.DataQualityConfig;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.metrics.DataQualityMetrics;
import dev.recsys.drift.quality.profile.QualityProfile;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the data-quality checks for one model window and publishes the result as metrics; called
 * by the window monitor once per evaluated window (the summary is stored with the window's history row). The freshness of a model carries over windows without
 * events (the newest event seen so far is remembered per model).
 */
@ApplicationScoped
public class DataQualityService {

    private final DataQualityConfig config;
    private final DataQualityMetrics metrics;
    private final DataQualityChecker checker;

    public DataQualityService(DataQualityConfig config, DataQualityMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.checker = new DataQualityChecker(config.thresholds());
    }

    /** Checks a window of {@code model} against its reference profile (no side effects besides the span). */
    @WithSpan("data-quality.check")
    public DataQualityResult check(@SpanAttribute("drift.model") String model, QualityProfile profile,
                                   QualityWindow window) {
        DataQualityResult result = checker.check(model, profile, window, metrics.newestEventTs(model),
                System.currentTimeMillis());
        Span span = Span.current();
        span.setAttribute("data_quality.events", result.events());
        span.setAttribute("data_quality.passed", result.passed());
        span.setAttribute("data_quality.violations", String.join(",", result.violations()));
        return result;
    }

    /** Updates the metrics; a window already counted is not counted again. */
    public void publish(DataQualityResult result) {
        metrics.publish(result, config.rangeBounds());
    }
}
