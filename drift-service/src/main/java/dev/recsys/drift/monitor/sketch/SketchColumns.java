package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.engine.Column;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;
import org.apache.datasketches.quantilescommon.DoublesSortedViewIterator;

import java.util.Arrays;

/**
 * Turns merged sketches into columns the exact engine evaluates: the sample whose empirical
 * distribution is the sketch's. A KLL sketch's retained items repeated by their weights has an
 * empirical CDF equal to the sketch's rank function, which is within the normalized rank error ε
 * of the true CDF everywhere; so ks D is within ε of the exact D, and Wasserstein within
 * ε · (max − min). Frequent-items counts are exact while the sketch has not purged
 * ({@code getMaximumError() == 0}).
 */
public final class SketchColumns {

    /** Largest expanded sample; beyond it values are drawn at evenly spaced ranks instead. */
    static final int MAX_EXPANDED = 2_000_000;

    private SketchColumns() {
    }

    /** The sketch's sample (sorted), with the exact minimum and maximum at its ends. */
    public static Column.Numbers numbers(KllDoublesSketch sketch) {
        if (sketch.isEmpty()) {
            return new Column.Numbers(new double[0]);
        }
        long n = sketch.getN();
        int size = (int) Math.min(n, MAX_EXPANDED);
        double[] values = new double[size];
        DoublesSortedView view = sketch.getSortedView();
        DoublesSortedViewIterator it = view.iterator();
        long cumulative = 0;
        int filled = 0;
        while (it.next()) {
            cumulative += it.getWeight();
            int upTo = (int) Math.min(size, Math.round((double) cumulative * size / n));
            Arrays.fill(values, filled, Math.max(filled, upTo), it.getQuantile());
            filled = Math.max(filled, upTo);
        }
        Arrays.fill(values, filled, size, sketch.getMaxItem());
        values[0] = sketch.getMinItem();
        values[size - 1] = sketch.getMaxItem();
        return new Column.Numbers(values);
    }

    /** The labels repeated by their estimated counts. */
    public static Column.Labels labels(ItemsSketch<String> sketch) {
        ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES);
        long total = 0;
        for (ItemsSketch.Row<String> row : rows) {
            total += row.getEstimate();
        }
        double scale = total > MAX_EXPANDED ? (double) MAX_EXPANDED / total : 1.0;
        String[] values = new String[(int) Math.min(total, MAX_EXPANDED) + rows.length];
        int filled = 0;
        for (ItemsSketch.Row<String> row : rows) {
            int count = (int) Math.round(row.getEstimate() * scale);
            Arrays.fill(values, filled, filled + count, row.getItem());
            filled += count;
        }
        return new Column.Labels(Arrays.copyOf(values, filled));
    }

    /** Normalized single-rank error of a (merged) KLL sketch, 99% confidence. */
    public static double rankError(KllDoublesSketch sketch) {
        return sketch.getNormalizedRankError(false);
    }

    /** Largest error of any label's share: the sketch's maximum count error over its stream length. */
    public static double shareError(ItemsSketch<String> sketch) {
        return sketch.getStreamLength() == 0 ? 0 : (double) sketch.getMaximumError() / sketch.getStreamLength();
    }
}
