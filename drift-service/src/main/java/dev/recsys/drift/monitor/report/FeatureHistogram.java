package dev.recsys.drift.monitor.report;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.monitor.ValueRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference and current shares of one feature over common bins, for the report's charts:
 * equal-width bins over the joint range for numbers, the most frequent labels for categories.
 *
 * @param bins      bin labels (ranges or category names)
 * @param reference share of the reference sample in each bin
 * @param current   share of the current window in each bin
 */
public record FeatureHistogram(String type, List<String> bins, double[] reference, double[] current) {

    static final int NUMERIC_BINS = 20;
    static final int MAX_CATEGORIES = 20;

    public static FeatureHistogram of(Column reference, Column current) {
        if (reference instanceof Column.Numbers ref && current instanceof Column.Numbers cur) {
            return numeric(ref.values(), cur.values());
        }
        return categorical(labels(reference), labels(current));
    }

    private static FeatureHistogram numeric(double[] ref, double[] cur) {
        ValueRange range = ValueRange.of(ref, cur);
        double min = range.min();
        double max = range.max();
        if (!(max > min)) {
            max = min + 1;
        }
        double width = (max - min) / NUMERIC_BINS;
        List<String> bins = new ArrayList<>();
        for (int i = 0; i < NUMERIC_BINS; i++) {
            bins.add(String.format(java.util.Locale.ROOT, "%.4g – %.4g", min + i * width, min + (i + 1) * width));
        }
        return new FeatureHistogram("numerical", bins, shares(ref, min, width), shares(cur, min, width));
    }

    private static double[] shares(double[] values, double min, double width) {
        double[] shares = new double[NUMERIC_BINS];
        for (double v : values) {
            shares[Math.min(NUMERIC_BINS - 1, Math.max(0, (int) ((v - min) / width)))]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] = values.length == 0 ? 0 : shares[i] / values.length;
        }
        return shares;
    }

    private static FeatureHistogram categorical(String[] ref, String[] cur) {
        Map<String, Double> refShares = labelShares(ref);
        Map<String, Double> curShares = labelShares(cur);
        Map<String, Double> combined = new HashMap<>(refShares);
        curShares.forEach((label, share) -> combined.merge(label, share, Double::sum));
        List<String> bins = combined.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES).map(Map.Entry::getKey).toList();
        double[] r = new double[bins.size()];
        double[] c = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
            r[i] = refShares.getOrDefault(bins.get(i), 0.0);
            c[i] = curShares.getOrDefault(bins.get(i), 0.0);
        }
        return new FeatureHistogram("categorical", bins, r, c);
    }

    private static Map<String, Double> labelShares(String[] labels) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String label : labels) {
            shares.merge(label, 1.0, Double::sum);
        }
        shares.replaceAll((label, count) -> count / labels.length);
        return shares;
    }

    private static String[] labels(Column column) {
        if (column instanceof Column.Labels labels) {
            return labels.values();
        }
        return Arrays.stream(((Column.Numbers) column).values())
                .mapToObj(dev.recsys.drift.engine.DriftEngine::numberLabel).toArray(String[]::new);
    }
}
