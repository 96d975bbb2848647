package dev.recsys.drift.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Counts per category over the sorted union of both samples' distinct values: the bins of
 * chisquare, z, categorical hellinger, and of psi/kl/jensenshannon when values are not
 * binned by Sturges' rule.
 *
 * @param labels the name of category {@code i} (a label, a number as {@link DriftEngine#numberLabel}, or a bin index)
 */
public record CategoryCounts(long[] reference, long referenceTotal, long[] current, long currentTotal,
                             IntFunction<String> labels) {

    /** Number of categories in the union. */
    public int categories() {
        return reference.length;
    }

    /** The name of category {@code i}. */
    public String label(int i) {
        return labels.apply(i);
    }

    /** Categories holding at least one value of either sample (empty Sturges bins excluded). */
    public int occupied() {
        int occupied = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] + current[i] > 0) {
                occupied++;
            }
        }
        return occupied;
    }

    /** Distinct numbers of two sorted samples, in ascending numeric order, by one merge. */
    public static CategoryCounts ofSorted(double[] sortedRef, double[] sortedCur) {
        int distinct = Sorting.distinctSortedUnion(sortedRef, sortedCur);
        long[] ref = new long[distinct];
        long[] cur = new long[distinct];
        double[] values = new double[distinct];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < sortedRef.length || j < sortedCur.length) {
            double x = j >= sortedCur.length || (i < sortedRef.length && sortedRef[i] <= sortedCur[j])
                    ? sortedRef[i] : sortedCur[j];
            int i0 = i;
            int j0 = j;
            while (i < sortedRef.length && sortedRef[i] == x) {
                i++;
            }
            while (j < sortedCur.length && sortedCur[j] == x) {
                j++;
            }
            ref[k] = i - i0;
            cur[k] = j - j0;
            values[k] = x;
            k++;
        }
        return new CategoryCounts(ref, sortedRef.length, cur, sortedCur.length,
                index -> DriftEngine.numberLabel(values[index]));
    }

    /** Distinct labels of two samples, in ascending {@link String#compareTo} order. */
    public static CategoryCounts ofLabels(String[] ref, String[] cur) {
        return ofLabels(ref, new Column.Labels(cur));
    }

    /** As {@link #ofLabels(String[], String[])}; a current sample given by its counts is not counted again. */
    public static CategoryCounts ofLabels(String[] ref, Column.Labels current) {
        Map<String, long[]> counts = new HashMap<>();
        for (String label : ref) {
            counts.computeIfAbsent(label, l -> new long[2])[0]++;
        }
        if (current.counts() != null) {
            current.counts().forEach((label, count) -> counts.computeIfAbsent(label, l -> new long[2])[1] += count);
        } else {
            for (String label : current.values()) {
                counts.computeIfAbsent(label, l -> new long[2])[1]++;
            }
        }
        TreeMap<String, long[]> sorted = new TreeMap<>(counts);
        long[] refCounts = new long[sorted.size()];
        long[] curCounts = new long[sorted.size()];
        String[] labels = sorted.keySet().toArray(String[]::new);
        int k = 0;
        for (long[] pair : sorted.values()) {
            refCounts[k] = pair[0];
            curCounts[k] = pair[1];
            k++;
        }
        return new CategoryCounts(refCounts, ref.length, curCounts, current.size(), index -> labels[index]);
    }

    /** Counts given per bin by a caller, e.g. from frequency sketches (both arrays over the same bins). */
    public static CategoryCounts of(long[] reference, long[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("reference and current counts cover different bins");
        }
        long refTotal = 0;
        long curTotal = 0;
        for (int i = 0; i < reference.length; i++) {
            refTotal += reference[i];
            curTotal += current[i];
        }
        return new CategoryCounts(reference, refTotal, current, curTotal, index -> "bin " + index);
    }
}
