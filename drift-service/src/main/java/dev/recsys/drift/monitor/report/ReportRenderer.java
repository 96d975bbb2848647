package dev.recsys.drift.monitor.report;

import dev.recsys.common.text.Html;
import dev.recsys.drift.engine.EffectSize;
import dev.recsys.drift.monitor.reference.ReferenceOrigin;
import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.monitor.service.StoredEvaluation;
import dev.recsys.drift.monitor.stream.TraceRef;
import dev.recsys.drift.quality.report.DataQualityReportSection;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The drift report: one self-contained HTML page (inline CSS and SVG, no scripts or external
 * resources, so it works offline and can be saved or mailed) with the window, a verdict table and
 * reference-vs-current histograms per feature, and links to sample request traces.
 */
public final class ReportRenderer {

    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 200;
    private static final int MARGIN = 30;

    private ReportRenderer() {
    }

    /** Names the reference: repository version and file, admin upload time, or the baseline's range; HTML-escaped. */
    private static String reference(EvaluationResult.ReferenceInfo ref) {
        // statuses stored before a field existed lack it: name what is known
        String setAt = ref.updatedAt() == null ? "" : " at " + time(ref.updatedAt());
        String samples = ", " + ref.samples() + " samples";
        if (ReferenceOrigin.REPOSITORY.equals(ref.source()) && ref.version() != null) {
            return "repository version " + Html.escape(ref.version()) + (ref.file() == null ? "" : " (" + Html.escape(ref.file()) + ")")
                    + samples;
        }
        if (ReferenceOrigin.ADMIN.equals(ref.source())) {
            return "admin upload" + setAt + samples;
        }
        if (ReferenceOrigin.BASELINE.equals(ref.source()) && ref.from() != null && ref.to() != null) {
            return "production baseline " + time(ref.from()) + " – " + time(ref.to()) + " (" + ref.events()
                    + " events, pinned" + setAt + ")" + samples;
        }
        return Html.escape(ref.source()) + samples;
    }

    /** @param jaegerTraceUrl trace page address with a {@code {traceId}} placeholder */
    public static String render(StoredEvaluation evaluation, String jaegerTraceUrl) {
        EvaluationResult r = evaluation.result();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift report: ")
                .append(Html.escape(r.model())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f3f3f3}")
                .append(".drift{color:#b00020;font-weight:bold}.ok{color:#1b5e20}.muted{color:#777}")
                .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}")
                .append("</style></head><body>\n");
        html.append("<h1>Drift report: ").append(Html.escape(r.model())).append("</h1>\n");
        html.append("<table><tr><th>Status</th><td>").append(Html.escape(r.status())).append("</td></tr>");
        if (r.windowEnd() > 0) { // a comparison of two files (make drift-check) has no window
            html.append("<tr><th>Window</th><td>").append(time(r.windowStart())).append(" – ").append(time(r.windowEnd()))
                    .append(" <span class=\"muted\">(").append(r.windowStart()).append(" – ").append(r.windowEnd())
                    .append(" ms)</span></td></tr>");
        }
        html.append("<tr><th>Samples</th><td>").append(r.samples()).append("</td></tr>")
                .append("<tr><th>Mode</th><td>").append(Html.escape(r.mode()));
        if (r.sketch() != null) {
            html.append(" (KLL k=").append(r.sketch().kllK()).append(", normalized rank error ")
                    .append(num(r.sketch().normalizedRankError())).append(')');
        }
        html.append("</td></tr>");
        if (r.version() != null) {
            html.append("<tr><th>Model version</th><td>").append(Html.escape(r.version())).append("</td></tr>");
        }
        if (r.reference() != null) {
            html.append("<tr><th>Reference</th><td>").append(reference(r.reference())).append("</td></tr>");
        }
        if (r.dataset() != null) {
            html.append("<tr><th>Dataset drift</th><td class=\"").append(r.dataset().driftDetected() ? "drift" : "ok")
                    .append("\">").append(r.dataset().driftDetected() ? "DRIFT" : "no drift").append(" — ")
                    .append(r.dataset().driftedFeatures()).append(" of ").append(r.dataset().features())
                    .append(" features (share ").append(num(r.dataset().share())).append(")</td></tr>");
        }
        html.append("<tr><th>Evaluated at</th><td>").append(time(r.evaluatedAt())).append("</td></tr></table>\n");
        if (r.features() != null) {
            verdictTable(html, r.features());
            charts(html, evaluation);
        } else {
            html.append("<p>No verdict for this window: ").append(Html.escape(r.status().replace('_', ' '))).append(".</p>\n");
        }
        html.append(DataQualityReportSection.render(r.dataQuality()));
        traces(html, r, jaegerTraceUrl);
        return html.append("</body></html>\n").toString();
    }

    private static void verdictTable(StringBuilder html, Map<String, FeatureVerdict> features) {
        html.append("<h2>Features</h2>\n<table><tr><th>Feature</th><th>Type</th><th>Method</th><th>Statistic</th>")
                .append("<th>p-value</th><th>Threshold</th><th>α</th><th>Derivation</th><th>Effect size</th>")
                .append("<th>Verdict</th></tr>\n");
        features.forEach((feature, v) -> {
            html.append("<tr><td><a href=\"#f-").append(Html.escape(feature)).append("\">").append(Html.escape(feature)).append("</a></td><td>")
                    .append(Html.escape(v.type())).append("</td><td>").append(Html.escape(v.method())).append("</td><td>")
                    .append(v.statistic() == null ? "" : num(v.statistic()));
            if (v.errorBound() != null) {
                html.append(" ± ").append(num(v.errorBound()));
            }
            html.append("</td><td>").append(v.pValue() == null ? "" : num(v.pValue())).append("</td><td>")
                    .append(num(v.threshold())).append("</td><td>").append(v.alpha() == null ? "" : num(v.alpha()))
                    .append("</td><td>").append(Html.escape(v.thresholdSource())).append("</td><td>").append(effect(v.effectSize()))
                    .append("</td>");
            if (v.error() != null) {
                html.append("<td class=\"muted\">").append(Html.escape(v.error())).append("</td>");
            } else {
                html.append("<td class=\"").append(v.driftDetected() ? "drift\">DRIFT" : "ok\">no drift").append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("</table>\n");
    }

    /** e.g. "max_share_change −0.052 (cold)". */
    private static String effect(EffectSize effect) {
        if (effect == null) {
            return "";
        }
        return Html.escape(effect.measure()) + " " + num(effect.value())
                + (effect.category() == null ? "" : " (" + Html.escape(effect.category()) + ")");
    }

    private static void charts(StringBuilder html, StoredEvaluation evaluation) {
        html.append("<h2>Distributions</h2>\n<p class=\"legend\"><span style=\"background:#4e79a7\"></span>reference")
                .append("<span style=\"background:#f28e2b\"></span>current window</p>\n");
        evaluation.histograms().forEach((feature, histogram) -> {
            FeatureVerdict verdict = evaluation.result().features().get(feature);
            html.append("<h3 id=\"f-").append(Html.escape(feature)).append("\">").append(Html.escape(feature));
            if (verdict != null && verdict.driftDetected()) {
                html.append(" <span class=\"drift\">DRIFT</span>");
            }
            html.append("</h3>\n");
            chart(html, feature, histogram);
        });
    }

    /** Grouped bars: per bin the reference share (blue) beside the current share (orange). */
    private static void chart(StringBuilder html, String feature, FeatureHistogram h) {
        int bins = h.bins().size();
        double top = 0;
        for (int i = 0; i < bins; i++) {
            top = Math.max(top, Math.max(h.reference()[i], h.current()[i]));
        }
        top = top == 0 ? 1 : top;
        double plotWidth = CHART_WIDTH - 2.0 * MARGIN;
        double plotHeight = CHART_HEIGHT - 2.0 * MARGIN;
        double slot = plotWidth / Math.max(1, bins);
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH).append("\" height=\"")
                .append(CHART_HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(feature))
                .append(": reference vs current\">\n<title>").append(Html.escape(feature)).append("</title>\n");
        html.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(CHART_HEIGHT - MARGIN).append("\" x2=\"")
                .append(CHART_WIDTH - MARGIN).append("\" y2=\"").append(CHART_HEIGHT - MARGIN).append("\" stroke=\"#999\"/>\n");
        html.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN - 8).append("\" font-size=\"10\">max share ")
                .append(num(top)).append("</text>\n");
        for (int i = 0; i < bins; i++) {
            double x = MARGIN + i * slot;
            bar(html, x + slot * 0.1, slot * 0.4, h.reference()[i] / top * plotHeight, "#4e79a7",
                    h.bins().get(i) + " reference " + num(h.reference()[i]));
            bar(html, x + slot * 0.5, slot * 0.4, h.current()[i] / top * plotHeight, "#f28e2b",
                    h.bins().get(i) + " current " + num(h.current()[i]));
        }
        String first = h.bins().isEmpty() ? "" : h.bins().get(0);
        String last = h.bins().isEmpty() ? "" : h.bins().get(bins - 1);
        html.append("<text x=\"").append(MARGIN).append("\" y=\"").append(CHART_HEIGHT - MARGIN + 14)
                .append("\" font-size=\"10\">").append(Html.escape(first)).append("</text>\n");
        html.append("<text x=\"").append(CHART_WIDTH - MARGIN).append("\" y=\"").append(CHART_HEIGHT - MARGIN + 26)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(Html.escape(last)).append("</text>\n");
        html.append("</svg>\n");
    }

    private static void bar(StringBuilder html, double x, double width, double height, String color, String label) {
        double y = CHART_HEIGHT - MARGIN - height;
        html.append("<rect x=\"").append(coord(x)).append("\" y=\"").append(coord(y)).append("\" width=\"")
                .append(coord(width)).append("\" height=\"").append(coord(height)).append("\" fill=\"").append(color)
                .append("\"><title>").append(Html.escape(label)).append("</title></rect>\n");
    }

    private static void traces(StringBuilder html, EvaluationResult r, String jaegerTraceUrl) {
        html.append("<h2>Sample request traces</h2>\n");
        if (r.sampleTraces() == null || r.sampleTraces().isEmpty()) {
            html.append("<p class=\"muted\">No traced requests in this window.</p>\n");
            return;
        }
        html.append("<ul>\n");
        for (TraceRef trace : r.sampleTraces()) {
            html.append("<li><a href=\"").append(Html.escape(jaegerTraceUrl.replace("{traceId}", trace.traceId()))).append("\">")
                    .append(Html.escape(trace.traceId())).append("</a> <span class=\"muted\">").append(time(trace.ts()))
                    .append("</span></li>\n");
        }
        html.append("</ul>\n");
    }

    private static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String coord(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
