package dev.recsys.drift.engine;

import java.util.Arrays;

/**
 * A cleaned reference sample prepared once and evaluated against many current windows:
 * numbers are kept sorted (ks, wasserstein and binning then need only the current sample
 * sorted), with their population standard deviation and distinct count precomputed.
 * Immutable and safe to share between threads.
 */
public final class PreparedReference {

    private final Column column;
    private final double[] sorted;
    private final int distinct;
    private final double std;
    private final boolean integerValued;

    private PreparedReference(Column column, double[] sorted, int distinct, double std, boolean integerValued) {
        this.column = column;
        this.sorted = sorted;
        this.distinct = distinct;
        this.std = std;
        this.integerValued = integerValued;
    }

    /** Prepares a cleaned reference column (copies and sorts numbers; labels are kept as given). */
    public static PreparedReference of(Column reference) {
        if (reference instanceof Column.Numbers numbers) {
            double[] sorted = numbers.values().clone();
            Sorting.sort(sorted);
            return new PreparedReference(reference, sorted, Sorting.distinctSorted(sorted),
                    NumpyMath.populationStd(numbers.values()), Histogram.allIntegers(sorted));
        }
        Column.Labels labels = (Column.Labels) reference;
        return new PreparedReference(reference, null, (int) Arrays.stream(labels.values()).distinct().count(),
                Double.NaN, false);
    }

    /** The cleaned reference column in its original order. */
    public Column column() {
        return column;
    }

    /** Reference size after cleaning (N in the default selection table). */
    public int size() {
        return column.size();
    }

    /** Whether the reference holds numbers. */
    public boolean numeric() {
        return sorted != null;
    }

    /** The sorted reference numbers; {@code null} for labels. Must not be modified. */
    double[] sorted() {
        return sorted;
    }

    /** Number of distinct reference values. */
    public int distinct() {
        return distinct;
    }

    /** Whether every reference number is a whole number (NumPy's integer bin-width rule). */
    boolean integerValued() {
        return integerValued;
    }

    /** Population standard deviation (ddof 0) of the reference numbers, computed as NumPy does. */
    double std() {
        return std;
    }
}
