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
            return cur.sortedRuns() != null ? numeric(ref.values(), cur.sortedRuns()) : numeric(ref.values(), cur.values());
        }
        return categorical(labelShares(reference), labelShares(current));
    }

    private static FeatureHistogram numeric(double[] ref, double[] cur) {
        ValueRange range = ValueRange.of(ref, cur);
        Grid grid = Grid.over(range);
        double min = grid.min();
        double width = grid.width();
        return new FeatureHistogram("numerical", grid.labels(), shares(ref, min, width), shares(cur, min, width));
    }

    /**
     * As {@link #numeric(double[], double[])} for a current sample given as sorted runs: a value's bin
     * only grows with the value, so each run's bin counts are found by binary search (the same bins).
     */
    private static FeatureHistogram numeric(double[] ref, List<double[]> runs) {
        double[] ends = new double[2 * runs.size()];
        int n = 0;
        for (double[] run : runs) {
            if (run.length > 0) {
                ends[n++] = run[0];
                ends[n++] = run[run.length - 1];
            }
        }
        ValueRange range = ValueRange.of(ref, Arrays.copyOf(ends, n));
        Grid grid = Grid.over(range);
        double min = grid.min();
        double width = grid.width();
        double[] counts = new double[NUMERIC_BINS];
        int total = 0;
        for (double[] run : runs) {
            int from = 0;
            for (int bin = 0; bin < NUMERIC_BINS; bin++) {
                int to = bin == NUMERIC_BINS - 1 ? run.length : firstAbove(run, from, bin, min, width);
                counts[bin] += to - from;
                from = to;
            }
            total += run.length;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = total == 0 ? 0 : counts[i] / total;
        }
        return new FeatureHistogram("numerical", grid.labels(), shares(ref, min, width), counts);
    }

    /** NUMERIC_BINS equal bins over both samples' range ([value, value + 1] when every value is the same). */
    private record Grid(double min, double width) {

        static Grid over(ValueRange range) {
            double max = range.max() > range.min() ? range.max() : range.min() + 1;
            return new Grid(range.min(), (max - range.min()) / NUMERIC_BINS);
        }

        List<String> labels() {
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < NUMERIC_BINS; i++) {
                labels.add(String.format(java.util.Locale.ROOT, "%.4g – %.4g", min + i * width, min + (i + 1) * width));
            }
            return labels;
        }
    }

    /** The first index at or after {@code from} of a sorted run whose value falls in a bin above {@code bin}. */
    private static int firstAbove(double[] run, int from, int bin, double min, double width) {
        int low = from;
        int high = run.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (bin(run[mid], min, width) > bin) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static int bin(double v, double min, double width) {
        return Math.min(NUMERIC_BINS - 1, Math.max(0, (int) ((v - min) / width)));
    }

    private static double[] shares(double[] values, double min, double width) {
        double[] shares = new double[NUMERIC_BINS];
        for (double v : values) {
            shares[bin(v, min, width)]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] = values.length == 0 ? 0 : shares[i] / values.length;
        }
        return shares;
    }

    private static FeatureHistogram categorical(Map<String, Double> refShares, Map<String, Double> curShares) {
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

    /** Shares per label; a column given by its counts is not counted again (count / n: the same doubles). */
    private static Map<String, Double> labelShares(Column column) {
        if (column instanceof Column.Labels labels && labels.counts() != null) {
            Map<String, Double> shares = new LinkedHashMap<>();
            labels.counts().forEach((label, count) -> shares.put(label, (double) count / labels.size()));
            return shares;
        }
        return labelShares(labels(column));
    }

    private static String[] labels(Column column) {
        if (column instanceof Column.Labels labels) {
            return labels.values();
        }
        return Arrays.stream(((Column.Numbers) column).values())
                .mapToObj(dev.recsys.drift.engine.DriftEngine::numberLabel).toArray(String[]::new);
    }
}
