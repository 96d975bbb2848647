package dev.recsys.drift.engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A cleaned reference sample evaluated against many current windows. What a method needs
 * from the reference (sorted copy, population std, distinct count, integer check) is computed
 * on first use and kept, so later windows only pay for the current sample. Thread-safe: a
 * value computed twice by racing threads is the same value.
 */
public final class PreparedReference {

    private final Column column;
    private volatile double[] sorted;
    private volatile Double std;
    private volatile Integer distinct;
    private volatile Boolean integerValued;
    private volatile double[] distinctSorted;
    private volatile int[] countsAtOrBelow;
    /** Per sorted run of a sample (by identity), its counts at the distinct reference values. */
    private final Map<double[], int[]> runCounts = new WeakHashMap<>();
    private final ConcurrentHashMap<CalibrationKey, Double> quantiles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<BootstrapKey, double[]> bootstraps = new ConcurrentHashMap<>();

    /** A calibrated χ² quantile: per method, α and degrees of freedom. */
    record CalibrationKey(DriftMethod method, double alpha, int df) {
    }

    /** Bootstrap replicates: per method and window size class. */
    record BootstrapKey(DriftMethod method, int sizeClass) {
    }

    private PreparedReference(Column column) {
        this.column = column;
    }

    /** Wraps a cleaned reference column; nothing is computed until a method needs it. */
    public static PreparedReference of(Column reference) {
        return new PreparedReference(reference);
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
        return column instanceof Column.Numbers;
    }

    /** Number of distinct reference values. */
    public int distinct() {
        Integer d = distinct;
        if (d == null) {
            d = column instanceof Column.Numbers ? Sorting.distinctSorted(sorted())
                    : new HashSet<>(Arrays.asList(((Column.Labels) column).values())).size();
            distinct = d;
        }
        return d;
    }

    /**
     * Whether the reference has more than {@code limit} distinct values, without sorting: stops
     * at the {@code limit + 1}-th distinct value.
     */
    boolean moreDistinctThan(int limit) {
        Integer d = distinct;
        if (d != null) {
            return d > limit;
        }
        if (sorted != null) {
            return distinct() > limit;
        }
        double[] seen = new double[limit + 1];
        int count = 0;
        for (double v : ((Column.Numbers) column).values()) {
            int i = 0;
            while (i < count && seen[i] != v) {
                i++;
            }
            if (i == count) {
                if (count == limit) {
                    return true;
                }
                seen[count++] = v;
            }
        }
        return false;
    }

    /** The sorted reference numbers. Must not be modified. */
    double[] sorted() {
        double[] s = sorted;
        if (s == null) {
            s = Sorting.sortedCopy(((Column.Numbers) column).values());
            sorted = s;
        }
        return s;
    }

    /** The distinct reference numbers, ascending (by {@code ==}: -0.0 and 0.0 are one). Must not be modified. */
    double[] distinctSorted() {
        double[] d = distinctSorted;
        if (d == null) {
            double[] sorted = sorted();
            d = new double[Sorting.distinctSorted(sorted)];
            int[] counts = new int[d.length];
            int k = -1;
            for (int i = 0; i < sorted.length; i++) {
                if (k < 0 || sorted[i] != d[k]) {
                    d[++k] = sorted[i];
                }
                counts[k] = i + 1;
            }
            countsAtOrBelow = counts;
            distinctSorted = d;
        }
        return d;
    }

    /** Per distinct reference value (as {@link #distinctSorted()}), how many reference numbers are at or below it. */
    int[] countsAtOrBelow() {
        distinctSorted();
        return countsAtOrBelow;
    }

    /**
     * For a sorted run of sample numbers, per distinct reference value {@code s} the count strictly
     * below it ({@code [2s]}) and at or below it ({@code [2s + 1]}). Kept while the run is held
     * (a sealed minute of a window is counted once).
     */
    int[] countsOf(double[] sortedRun) {
        synchronized (runCounts) {
            int[] counts = runCounts.get(sortedRun);
            if (counts == null) {
                double[] steps = distinctSorted();
                counts = new int[2 * steps.length];
                int below = 0;
                int atOrBelow = 0;
                for (int s = 0; s < steps.length; s++) {
                    while (below < sortedRun.length && sortedRun[below] < steps[s]) {
                        below++;
                    }
                    atOrBelow = Math.max(atOrBelow, below);
                    while (atOrBelow < sortedRun.length && sortedRun[atOrBelow] <= steps[s]) {
                        atOrBelow++;
                    }
                    counts[2 * s] = below;
                    counts[2 * s + 1] = atOrBelow;
                }
                runCounts.put(sortedRun, counts);
            }
            return counts;
        }
    }

    /** Population standard deviation (ddof 0) of the reference numbers, computed as NumPy does. */
    double std() {
        Double s = std;
        if (s == null) {
            s = NumpyMath.populationStd(((Column.Numbers) column).values());
            std = s;
        }
        return s;
    }

    /** Whether every reference number is a whole number (NumPy's integer bin-width rule). */
    boolean integerValued() {
        Boolean i = integerValued;
        if (i == null) {
            i = Histogram.allIntegers(((Column.Numbers) column).values());
            integerValued = i;
        }
        return i;
    }

    /** A calibration value of this reference, computed once per key (ThresholdCalibration). */
    double calibration(CalibrationKey key, DoubleSupplier compute) {
        return quantiles.computeIfAbsent(key, k -> compute.getAsDouble());
    }

    /** The sorted bootstrap replicates of a method and window size class, computed once per key. */
    double[] bootstrap(BootstrapKey key, Supplier<double[]> compute) {
        return bootstraps.computeIfAbsent(key, k -> compute.get());
    }
}
