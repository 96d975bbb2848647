package dev.recsys.drift.quality.correlation;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * Numeric columns of a whole window merged from its {@link NumericPart}s, in row order: per column
 * the sorted distinct values of all parts, how often each occurs, and per part the map from its
 * codes to the merged ones. Merging looks at distinct values, not rows; min, max and range counts
 * are read from it without a pass over the rows.
 */
public final class NumericColumns {

    final List<NumericPart> parts;
    final int rows;
    final double[][] distinct;
    final int[][] counts;
    /** Per column, how many values are below each distinct value (one more entry: all values). */
    final int[][] below;
    /** Per column, per part: merged code of each of the part's codes. */
    final int[][][] maps;
    final int[] present;
    private final double[] min;
    private final double[] max;

    private NumericColumns(List<NumericPart> parts, int p) {
        this.parts = parts;
        distinct = new double[p][];
        counts = new int[p][];
        below = new int[p][];
        maps = new int[p][][];
        present = new int[p];
        min = new double[p];
        max = new double[p];
        int total = 0;
        for (NumericPart part : parts) {
            total += part.rows;
        }
        rows = total;
    }

    /** Merges parts of {@code columns} columns each, given in row order. */
    public static NumericColumns merge(List<NumericPart> parts, int columns) {
        NumericColumns merged = new NumericColumns(List.copyOf(parts), columns);
        for (int f = 0; f < columns; f++) {
            merged.mergeColumn(f);
        }
        return merged;
    }

    /** A k-way merge of the parts' sorted distinct values of column {@code f}, heap ordered by each part's next value. */
    private void mergeColumn(int f) {
        int k = parts.size();
        int[][] partMaps = new int[k][];
        int[] position = new int[k];
        int[] heap = new int[k];
        int size = 0;
        int capacity = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < k; b++) {
            NumericPart part = parts.get(b);
            partMaps[b] = new int[part.distinct[f].length];
            capacity += part.distinct[f].length;
            low = Math.min(low, part.min[f]);
            high = Math.max(high, part.max[f]);
            if (part.distinct[f].length > 0) {
                heap[size++] = b;
            }
        }
        min[f] = low;
        max[f] = high;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(heap, size, i, f, position);
        }
        double[] values = new double[capacity];
        int[] occurrences = new int[capacity];
        int d = 0;
        while (size > 0) {
            int b = heap[0];
            NumericPart part = parts.get(b);
            double value = part.distinct[f][position[b]];
            if (d == 0 || value != values[d - 1]) {
                values[d++] = value;
            }
            partMaps[b][position[b]] = d - 1;
            occurrences[d - 1] += part.counts[f][position[b]];
            if (++position[b] == part.distinct[f].length) {
                heap[0] = heap[--size];
            }
            siftDown(heap, size, 0, f, position);
        }
        distinct[f] = java.util.Arrays.copyOf(values, d);
        counts[f] = java.util.Arrays.copyOf(occurrences, d);
        maps[f] = partMaps;
        below[f] = cumulative(counts[f]);
        present[f] = below[f][d];
    }

    private void siftDown(int[] heap, int size, int i, int f, int[] position) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && head(heap[child + 1], f, position) < head(heap[child], f, position)) {
                child++;
            }
            if (head(heap[i], f, position) <= head(heap[child], f, position)) {
                return;
            }
            int swap = heap[i];
            heap[i] = heap[child];
            heap[child] = swap;
            i = child;
        }
    }

    private double head(int part, int f, int[] position) {
        return parts.get(part).distinct[f][position[part]];
    }

    /** Rows of all parts. */
    public int rows() {
        return rows;
    }

    /** Values present in column {@code f}. */
    public int present(int f) {
        return present[f];
    }

    /** Smallest value of column {@code f} (+∞ without values; −0.0 below 0.0, as {@link Math#min}). */
    public double min(int f) {
        return min[f];
    }

    /** Largest value of column {@code f} (−∞ without values). */
    public double max(int f) {
        return max[f];
    }

    /**
     * How many values of column {@code f} are {@code belowRange} or {@code aboveRange}, where
     * {@code belowRange} holds for the smallest values up to some value and {@code aboveRange} for the
     * largest from some value on (both found by binary search over the distinct values).
     */
    public int countOutside(int f, DoublePredicate belowRange, DoublePredicate aboveRange) {
        double[] values = distinct[f];
        int lowEnd = firstFailing(values, belowRange, true);
        int highStart = values.length - firstFailing(values, aboveRange, false);
        if (highStart <= lowEnd) {
            return present[f];
        }
        return below[f][lowEnd] + present[f] - below[f][highStart];
    }

    /** Running sums: entry g is the sum of the counts before g. */
    static int[] cumulative(int[] counts) {
        int[] sums = new int[counts.length + 1];
        for (int g = 0; g < counts.length; g++) {
            sums[g + 1] = sums[g] + counts[g];
        }
        return sums;
    }

    /** Length of the run of values (from the start, or from the end) for which {@code holds}. */
    private static int firstFailing(double[] values, DoublePredicate holds, boolean ascending) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (holds.test(values[ascending ? mid : values.length - 1 - mid])) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
