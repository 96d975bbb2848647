package dev.recsys.gateway.report.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.recsys.common.text.Html;
import dev.recsys.gateway.report.PerformanceReport.Day;
import dev.recsys.gateway.report.PerformanceReport.Verdict;
import dev.recsys.gateway.report.PerformanceReport;
import dev.recsys.modelrepository.ModelCard;

/** Renders the performance report as one self-contained HTML page with inline SVG charts (works offline). */
public final class ReportHtml {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 180;
    private static final int PAD = 36;
    private static final String[] EVENT_COLOURS = { "#1f77b4", "#2ca02c", "#bbbbbb" };

    private ReportHtml() {
    }

    public static String render(PerformanceReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Performance report: ")
                .append(Html.escape(report.model())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}h2{margin-top:1.6em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f3f3f3}.bad{color:#b00}.muted{color:#777}svg{background:#fafafa}")
                .append("</style></head><body>");
        html.append("<h1>Performance report: ").append(Html.escape(report.model())).append("</h1>")
                .append("<p>Period ").append(Html.escape(report.period())).append(": ").append(Instant.ofEpochMilli(report.from()))
                .append(" to ").append(Instant.ofEpochMilli(report.to())).append(" (UTC days, by feedback receipt time), k = ")
                .append(report.k()).append(".</p>");

        List<Day> days = report.days();
        html.append("<h2>Quality per day</h2>");
        html.append(lineChart("RMSE", days, Day::rmse));
        html.append(lineChart("Precision@" + report.k(), days, Day::precisionAtK));
        html.append(lineChart("NDCG@" + report.k(), days, Day::ndcgAtK));
        html.append(lineChart("Engagement rate", days, Day::engagementRate));
        html.append("<table><tr><th>day</th><th>RMSE</th><th>P@k</th><th>NDCG@k</th><th>engagement</th>")
                .append("<th>ratings</th><th>lists with feedback</th><th>rated</th><th>clicked</th><th>ignored</th></tr>");
        for (Day day : days) {
            html.append("<tr><td>").append(day.date()).append("</td><td>").append(number(day.rmse()))
                    .append("</td><td>").append(number(day.precisionAtK())).append("</td><td>")
                    .append(number(day.ndcgAtK())).append("</td><td>").append(number(day.engagementRate()))
                    .append("</td><td>").append(day.ratings()).append("</td><td>").append(day.lists());
            day.feedback().values().forEach(count -> html.append("</td><td>").append(count));
            html.append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Beyond accuracy per day</h2><p class=\"muted\">Over the lists served each day"
                + " (docs/metrics-gateway.md, \"Beyond accuracy\"); quality score = NDCG@k / the offline NDCG@10"
                + " of the model card, shown from 100 lists with feedback.</p>");
        html.append(lineChart("Catalog coverage", days, beyond(ModelCard.BeyondAccuracy::catalogCoverage)));
        html.append(lineChart("Intra-list diversity", days, beyond(ModelCard.BeyondAccuracy::intraListDiversity)));
        html.append(lineChart("Novelty (bits)", days, beyond(ModelCard.BeyondAccuracy::novelty)));
        html.append(lineChart("Popularity Gini", days, beyond(ModelCard.BeyondAccuracy::popularityGini)));
        html.append(lineChart("Quality score", days, Day::qualityScore));
        html.append("<table><tr><th>day</th><th>lists served</th><th>unique items</th><th>coverage</th>")
                .append("<th>diversity</th><th>novelty</th><th>Gini</th><th>quality score</th>")
                .append("<th>top genres (share of slots)</th></tr>");
        for (Day day : days) {
            ModelCard.BeyondAccuracy b = day.beyondAccuracy();
            html.append("<tr><td>").append(day.date()).append("</td><td>").append(b == null ? 0 : b.lists())
                    .append("</td><td>").append(b == null ? 0 : b.uniqueItems()).append("</td><td>")
                    .append(number(b == null ? null : b.catalogCoverage())).append("</td><td>")
                    .append(number(b == null ? null : b.intraListDiversity())).append("</td><td>")
                    .append(number(b == null ? null : b.novelty())).append("</td><td>")
                    .append(number(b == null ? null : b.popularityGini())).append("</td><td>")
                    .append(number(day.qualityScore())).append("</td><td style=\"text-align:left\">")
                    .append(Html.escape(topGenres(b))).append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Feedback volume per day</h2>").append(feedbackChart(days));

        html.append("<h2>Drift verdicts</h2>");
        PerformanceReport.Drift drift = report.drift();
        if (!drift.available()) {
            html.append("<p class=\"muted\">Drift history unavailable: ").append(Html.escape(drift.error())).append("</p>");
        } else if (drift.verdicts().isEmpty()) {
            html.append("<p>No drift evaluations in the period.</p>");
        } else {
            html.append("<p>").append(drift.drifted()).append(" of ").append(drift.evaluations())
                    .append(" evaluations found dataset drift.</p><table><tr><th>window start</th><th>window end</th>")
                    .append("<th>verdict</th><th>drifted share</th><th>drifted features</th></tr>");
            for (Verdict verdict : drift.verdicts()) {
                html.append("<tr><td>").append(time(verdict.windowStart())).append("</td><td>")
                        .append(time(verdict.windowEnd())).append("</td><td")
                        .append(verdict.driftDetected() ? " class=\"bad\">drift" : ">no drift").append("</td><td>")
                        .append(number(verdict.share())).append("</td><td style=\"text-align:left\">")
                        .append(Html.escape(String.join(", ", verdict.driftedFeatures()))).append("</td></tr>");
            }
            html.append("</table>");
        }

        html.append("<h2>Top error types (recommender)</h2>");
        PerformanceReport.Errors errors = report.errors();
        if (!errors.available()) {
            html.append("<p class=\"muted\">Recommender metrics unavailable: ").append(Html.escape(errors.error()))
                    .append("</p>");
        } else if (errors.top().isEmpty()) {
            html.append("<p>No model errors counted.</p>");
        } else {
            html.append("<table><tr><th>type</th><th>count</th></tr>");
            errors.top().forEach(error -> html.append("<tr><td style=\"text-align:left\">").append(Html.escape(error.type()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.0f", error.count())).append("</td></tr>"));
            html.append("</table>");
        }
        return html.append("</body></html>").toString();
    }

    private static Function<Day, Double> beyond(Function<ModelCard.BeyondAccuracy, Double> value) {
        return day -> day.beyondAccuracy() == null ? null : value.apply(day.beyondAccuracy());
    }

    /** The three genres with the largest share of served slots, e.g. "Drama 31%, Comedy 22%, Action 12%". */
    private static String topGenres(ModelCard.BeyondAccuracy beyond) {
        if (beyond == null || beyond.genreShare() == null) {
            return "";
        }
        return beyond.genreShare().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), e.getValue() * 100))
                .collect(Collectors.joining(", "));
    }

    /** A line chart of one metric per day; days without a value leave a gap. */
    static String lineChart(String title, List<Day> days, Function<Day, Double> metric) {
        double max = days.stream().map(metric).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double top = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = chartFrame(title, days, String.format(Locale.ROOT, "%.3g", top));
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (int i = 0; i < days.size(); i++) {
            Double value = metric.apply(days.get(i));
            if (value == null) {
                drawing = false;
                continue;
            }
            double x = x(i, days.size());
            double y = HEIGHT - PAD - value / top * (HEIGHT - 2 * PAD);
            path.append(drawing ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#d62728\">"
                    + "<title>%s: %.4f</title></circle>", x, y, days.get(i).date(), value));
            drawing = true;
        }
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"#d62728\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** Stacked bars of rated, clicked and ignored feedback per day. */
    static String feedbackChart(List<Day> days) {
        long max = days.stream().mapToLong(day -> day.feedback().values().stream().mapToLong(Long::longValue).sum())
                .max().orElse(0);
        long top = Math.max(1, max);
        StringBuilder svg = chartFrame("Feedback (rated / clicked / ignored)", days, Long.toString(top));
        double barWidth = Math.max(2, (WIDTH - 2.0 * PAD) / days.size() * 0.6);
        for (int i = 0; i < days.size(); i++) {
            double y = HEIGHT - PAD;
            int colour = 0;
            for (var event : days.get(i).feedback().entrySet()) {
                double height = (double) event.getValue() / top * (HEIGHT - 2 * PAD);
                y -= height;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s %s: %d</title></rect>", x(i, days.size()) - barWidth / 2, y,
                        barWidth, height, EVENT_COLOURS[colour++ % EVENT_COLOURS.length], days.get(i).date(),
                        event.getKey(), event.getValue()));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder chartFrame(String title, List<Day> days, String topLabel) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">"
                        + "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                        + "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text><text x=\"2\" y=\"%d\" font-size=\"10\">0</text>",
                WIDTH, HEIGHT, Html.escape(title), PAD, Html.escape(title), PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD,
                PAD, PAD, PAD, HEIGHT - PAD, PAD + 4, topLabel, HEIGHT - PAD));
        int every = Math.max(1, days.size() / 10);
        for (int i = 0; i < days.size(); i += every) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    x(i, days.size()), HEIGHT - PAD + 14, days.get(i).date().substring(5)));
        }
        return svg;
    }

    private static double x(int index, int count) {
        return PAD + (index + 0.5) * (WIDTH - 2.0 * PAD) / count;
    }

    private static String number(Double value) {
        return value == null ? "<span class=\"muted\">n/a</span>" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? "" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
