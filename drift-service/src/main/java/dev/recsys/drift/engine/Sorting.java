package dev.recsys.drift.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sorting of primitive doubles: LSD radix sort on the IEEE bit pattern for large arrays. */
public final class Sorting {

    /** Below this size the JDK's dual-pivot quicksort is faster than four radix passes. */
    private static final int RADIX_THRESHOLD = 4096;
    private static final int DIGIT_BITS = 16;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    private static final int PASSES = Long.SIZE / DIGIT_BITS;

    private Sorting() {
    }

    /** Sorts finite doubles ascending in place (-0.0 before 0.0, as {@link Arrays#sort(double[])}). */
    public static void sort(double[] values) {
        if (values.length < RADIX_THRESHOLD) {
            Arrays.sort(values);
        } else {
            radixSort(values, values);
        }
    }

    /**
     * A sorted copy of {@code values}; the input is left as it is. Large arrays are split in two
     * halves radix-sorted on two threads ({@link TwoThreads}), then merged.
     */
    public static double[] sortedCopy(double[] values) {
        int n = values.length;
        if (isSorted(values)) {
            // e.g. a monitor window, merged from sorted minutes: one pass instead of a sort
            return values.clone();
        }
        if (n < RADIX_THRESHOLD) {
            double[] copy = values.clone();
            Arrays.sort(copy);
            return copy;
        }
        double[] out = new double[n];
        if (n < TwoThreads.THRESHOLD) {
            radixSort(values, 0, n, out);
            return out;
        }
        int half = n / 2;
        TwoThreads.Both<double[]> halves = TwoThreads.run(n, () -> {
            double[] sorted = new double[half];
            radixSort(values, 0, half, sorted);
            return sorted;
        }, () -> {
            double[] sorted = new double[n - half];
            radixSort(values, half, n, sorted);
            return sorted;
        });
        merge(halves.first(), halves.second(), out);
        return out;
    }

    /** Whether {@code values} are in {@link #sort} order ({@link Double#compare}: -0.0 before 0.0). */
    static boolean isSorted(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (Double.compare(values[i - 1], values[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** One sorted array of sorted runs (finite doubles, {@link #sort} order), merged pairwise. */
    public static double[] mergeSorted(List<double[]> runs) {
        List<double[]> level = new ArrayList<>(runs);
        if (level.isEmpty()) {
            return new double[0];
        }
        while (level.size() > 1) {
            List<double[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                double[] out = new double[level.get(i).length + level.get(i + 1).length];
                merge(level.get(i), level.get(i + 1), out);
                next.add(out);
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    private static void merge(double[] a, double[] b, double[] out) {
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = Double.compare(b[j], a[i]) < 0 ? b[j++] : a[i++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
    }

    private static void radixSort(double[] values, double[] out) {
        radixSort(values, 0, values.length, out);
    }

    /** Radix-sorts {@code values[from, to)} into {@code out[0, to − from)} ({@code out} may be {@code values}). */
    private static void radixSort(double[] values, int from, int to, double[] out) {
        int n = to - from;
        long[] keys = new long[n];
        int[][] counts = new int[PASSES][BUCKETS];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[from + i]);
            // Negative numbers: flip every bit; positive: flip the sign bit. Unsigned order = numeric order.
            long key = bits ^ ((bits >> 63) | Long.MIN_VALUE);
            keys[i] = key;
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) (key >>> (p * DIGIT_BITS)) & (BUCKETS - 1)]++;
            }
        }
        long[] buffer = new long[n];
        for (int p = 0; p < PASSES; p++) {
            int[] count = counts[p];
            if (isSingleBucket(count, n)) {
                continue;
            }
            int offset = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = offset;
                offset += c;
            }
            int shift = p * DIGIT_BITS;
            for (int i = 0; i < n; i++) {
                long key = keys[i];
                buffer[count[(int) (key >>> shift) & (BUCKETS - 1)]++] = key;
            }
            long[] swap = keys;
            keys = buffer;
            buffer = swap;
        }
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            long bits = key ^ (((~key) >> 63) | Long.MIN_VALUE);
            out[i] = Double.longBitsToDouble(bits);
        }
    }

    private static boolean isSingleBucket(int[] count, int n) {
        for (int c : count) {
            if (c != 0) {
                return c == n;
            }
        }
        return true;
    }

    /** Number of distinct values (by {@code ==}) in a sorted array. */
    public static int distinctSorted(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** Number of distinct values (by {@code ==}) in the union of two sorted arrays. */
    public static int distinctSortedUnion(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        int distinct = 0;
        while (i < a.length || j < b.length) {
            double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            distinct++;
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
        }
        return distinct;
    }
}
