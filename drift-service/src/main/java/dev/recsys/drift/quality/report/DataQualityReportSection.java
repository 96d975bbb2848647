package dev.recsys.drift.quality.report;

import dev.recsys.common.text.Html;
import dev.recsys.drift.quality.check.CheckVerdict;
import dev.recsys.drift.quality.check.CorrelationChange;
import dev.recsys.drift.quality.check.CorrelationReport;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.FeatureQuality;
import dev.recsys.drift.quality.check.SchemaReport;
import dev.recsys.drift.quality.check.SkippedFeature;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data-quality part of the drift report: check verdicts, per-feature table, duplicates and
 * schema details, and the correlation-change heat maps. Plain HTML with inline SVG; uses the
 * report's {@code drift}, {@code ok} and {@code muted} classes when the page defines them.
 */
public final class DataQualityReportSection {

    private DataQualityReportSection() {
    }

    /** The section (from its {@code <h2>}); a short note when the window has no quality result. */
    public static String render(DataQualityResult result) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<h2 id=\"data-quality\">Data quality</h2>\n");
        if (result == null) {
            return html.append("<p class=\"muted\">No data-quality result for this window (no reference, or the window ")
                    .append("was evaluated from sketches).</p>\n").toString();
        }
        html.append("<p class=\"").append(result.passed() ? "ok\">All checks passed" : "drift\">Violated: "
                        + Html.escape(String.join(", ", result.violations())))
                .append("</p>\n<p class=\"muted\">").append(result.checkedEvents()).append(" events checked of ")
                .append(result.events()).append(" in the window.</p>\n");
        checks(html, result.checks());
        features(html, result.features());
        details(html, result);
        correlation(html, result.correlation());
        return html.toString();
    }

    private static void checks(StringBuilder html, Map<String, CheckVerdict> checks) {
        html.append("<table><tr><th>Check</th><th>Value</th><th>Threshold</th><th>Features</th><th>Verdict</th></tr>\n");
        checks.forEach((id, verdict) -> html.append("<tr><td>").append(Html.escape(id)).append("</td><td>")
                .append(verdict.value() == null ? "–" : num(verdict.value())).append("</td><td>")
                .append(num(verdict.threshold())).append("</td><td>")
                .append(verdict.features() == null ? "" : Html.escape(String.join(", ", verdict.features())))
                .append("</td>").append(verdictCell(verdict.violated())).append("</tr>\n"));
        html.append("</table>\n");
    }

    private static void features(StringBuilder html, Map<String, FeatureQuality> features) {
        html.append("<table><tr><th>Feature</th><th>Type</th><th>Missing share</th><th>Reference missing</th>")
                .append("<th>Out of range</th><th>Out of quantile range</th><th>New categories</th>")
                .append("<th>Wrong type</th><th>Constant</th><th>Verdict</th></tr>\n");
        features.forEach((name, f) -> html.append("<tr><td>").append(Html.escape(name)).append("</td><td>")
                .append(Html.escape(f.type())).append("</td><td>").append(share(f.missingShare())).append("</td><td>")
                .append(share(f.referenceMissingShare())).append("</td><td>").append(share(f.outOfRangeShare()))
                .append("</td><td>").append(share(f.outOfQuantileRangeShare())).append("</td><td>")
                .append(newCategories(f)).append("</td><td>").append(f.wrongType()).append("</td><td>")
                .append(f.constant() ? "yes" : "").append("</td>")
                .append(f.violations().isEmpty() ? verdictCell(false)
                        : "<td class=\"drift\">" + Html.escape(String.join(", ", f.violations())) + "</td>")
                .append("</tr>\n"));
        html.append("</table>\n");
    }

    private static String newCategories(FeatureQuality f) {
        if (f.newCategoryShare() == null) {
            return "";
        }
        String named = f.newCategories().stream().map(c -> Html.escape(c.value()) + " (" + c.count() + ")")
                .collect(Collectors.joining(", "));
        return share(f.newCategoryShare()) + (named.isEmpty() ? "" : ": " + named);
    }

    private static void details(StringBuilder html, DataQualityResult result) {
        SchemaReport schema = result.schema();
        html.append("<p>Duplicates: ").append(result.duplicates().count());
        if (!result.duplicates().sampleEventIds().isEmpty()) {
            html.append(" <span class=\"muted\">(e.g. ")
                    .append(Html.escape(String.join(", ", result.duplicates().sampleEventIds()))).append(")</span>");
        }
        html.append(". Schema violations: ").append(schema.violations()).append(" <span class=\"muted\">(unparsable ")
                .append(schema.unparsable()).append(", unsupported version ").append(schema.unsupportedVersion())
                .append(", invalid envelope ").append(schema.invalidEnvelope()).append(", wrong type ")
                .append(schema.wrongType()).append(", unknown feature ").append(schema.unknownFeature());
        if (!schema.unknownFeatures().isEmpty()) {
            html.append(": ").append(Html.escape(String.join(", ", schema.unknownFeatures())));
        }
        html.append(")</span>. Newest event: ");
        if (result.freshness().ageSeconds() == null) {
            html.append("none seen yet");
        } else {
            html.append(num(result.freshness().ageSeconds())).append(" s old");
        }
        html.append(".</p>\n");
    }

    private static void correlation(StringBuilder html, CorrelationReport correlation) {
        html.append("<h3>Correlation change (window − reference)</h3>\n");
        if (correlation.note() != null) {
            html.append("<p class=\"muted\">").append(Html.escape(correlation.note())).append("</p>\n");
            return;
        }
        if (correlation.maxChange() != null) {
            html.append("<p>Largest change ").append(num(correlation.maxChange())).append(" (")
                    .append(Html.escape(correlation.maxChangeMethod())).append(", ")
                    .append(Html.escape(String.join(" × ", correlation.maxChangePair()))).append(").</p>\n");
        }
        heatmap(html, "Pearson", correlation.features(), correlation.pearson());
        heatmap(html, "Spearman", correlation.features(), correlation.spearman());
        List<SkippedFeature> skipped = correlation.skipped();
        if (!skipped.isEmpty()) {
            html.append("<p class=\"muted\">Undefined: ").append(Html.escape(skipped.stream()
                    .map(s -> s.feature() + " (" + s.reason() + " in " + s.side() + ")")
                    .collect(Collectors.joining(", ")))).append(".</p>\n");
        }
    }

    private static void heatmap(StringBuilder html, String method, List<String> features, CorrelationChange change) {
        if (change == null || features.isEmpty()) {
            return;
        }
        html.append(CorrelationHeatmapSvg.render(method + " change", features, change.reference(), change.window(),
                change.change())).append('\n');
    }

    private static String verdictCell(boolean violated) {
        return violated ? "<td class=\"drift\">VIOLATED</td>" : "<td class=\"ok\">ok</td>";
    }

    private static String share(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f%%", value * 100);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
