package dev.recsys.drift.quality.report;

import dev.recsys.common.text.Html;
import java.util.List;
import java.util.Locale;

/**
 * Renders a correlation-change matrix (window − reference) as a self-contained inline SVG heat map
 * for the HTML report: blue for a fall, red for a rise, white for none, grey where undefined; each
 * cell shows the change and, on hover, both coefficients.
 */
public final class CorrelationHeatmapSvg {

    private static final int CELL = 44;
    private static final int CHAR_WIDTH = 7;

    private CorrelationHeatmapSvg() {
    }

    /**
     * @param features  row and column labels
     * @param reference reference coefficients ({@code null} = undefined)
     * @param window    window coefficients
     * @param change    window − reference; colours saturate at ±1
     */
    public static String render(String title, List<String> features, List<List<Double>> reference,
                                List<List<Double>> window, List<List<Double>> change) {
        int p = features.size();
        int labelWidth = 12 + CHAR_WIDTH * features.stream().mapToInt(String::length).max().orElse(0);
        int top = 28 + labelWidth;
        int width = labelWidth + p * CELL + 8;
        int height = top + p * CELL + 8;
        StringBuilder svg = new StringBuilder(512 + p * p * 220);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"correlation-heatmap\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"")
                .append(Html.escape(title)).append("\">");
        svg.append("<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">").append(Html.escape(title))
                .append("</text>");
        for (int i = 0; i < p; i++) {
            String label = Html.escape(features.get(i));
            int centre = labelWidth + i * CELL + CELL / 2;
            svg.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(top + i * CELL + CELL / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(label).append("</text>");
            svg.append("<text transform=\"translate(").append(centre + 4).append(',').append(top - 6)
                    .append(") rotate(-90)\">").append(label).append("</text>");
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                Double delta = change.get(i).get(j);
                int x = labelWidth + j * CELL;
                int y = top + i * CELL;
                svg.append("<g><title>").append(Html.escape(features.get(i))).append(" × ").append(Html.escape(features.get(j)))
                        .append(": reference ").append(format(reference.get(i).get(j))).append(", window ")
                        .append(format(window.get(i).get(j))).append(", change ").append(format(delta))
                        .append("</title><rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                        .append(CELL).append("\" height=\"").append(CELL).append("\" fill=\"").append(colour(delta))
                        .append("\" stroke=\"#fff\"/><text x=\"").append(x + CELL / 2).append("\" y=\"")
                        .append(y + CELL / 2 + 4).append("\" text-anchor=\"middle\" fill=\"")
                        .append(delta != null && Math.abs(delta) > 0.6 ? "#fff" : "#222").append("\">")
                        .append(delta == null ? "n/a" : String.format(Locale.ROOT, "%+.2f", delta))
                        .append("</text></g>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** White at 0, towards red (#b2182b) for rises and blue (#2166ac) for falls, saturating at ±1. */
    static String colour(Double delta) {
        if (delta == null) {
            return "#d9d9d9";
        }
        double t = Math.min(1.0, Math.abs(delta));
        int[] end = delta >= 0 ? new int[]{0xb2, 0x18, 0x2b} : new int[]{0x21, 0x66, 0xac};
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(end[0], t), mix(end[1], t), mix(end[2], t));
    }

    private static int mix(int channel, double t) {
        return (int) Math.round(255 + (channel - 255) * t);
    }

    private static String format(Double value) {
        return value == null ? "undefined" : String.format(Locale.ROOT, "%.3f", value);
    }
}
