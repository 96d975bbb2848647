package dev.recsys.drift.quality.correlation;

/**
 * Rows of a column ordered by value, and average ranks derived from that order. The order is found
 * once per column with an LSD radix sort over order-preserving bit patterns (linear, no boxing);
 * ranks over any subset of rows then take one pass over it, which is what pairwise-complete
 * Spearman correlation needs for every pair.
 */
final class SortedOrder {

    private static final int DIGIT_BITS = 11;
    private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;

    private final int[] rows;
    /** The order-preserving bits of the rows' values, in the same order (equal bits: equal values). */
    private final long[] keys;
    /** Rows of one group of equal values while ranking (kept for the next ranking). */
    private int[] group;

    private SortedOrder(long[] keys, int[] rows) {
        this.keys = keys;
        this.rows = rows;
    }

    /** Orders the finite values among the first {@code length} rows of {@code column}; NaN rows are left out. */
    static SortedOrder of(double[] column, int length) {
        int finite = 0;
        for (int i = 0; i < length; i++) {
            if (!Double.isNaN(column[i])) {
                finite++;
            }
        }
        long[] keys = new long[finite];
        int[] rows = new int[finite];
        int next = 0;
        for (int i = 0; i < length; i++) {
            double value = column[i];
            if (!Double.isNaN(value)) {
                keys[next] = sortableBits(value);
                rows[next] = i;
                next++;
            }
        }
        return radixSort(keys, rows);
    }

    /** Number of ordered (finite) rows. */
    int size() {
        return rows.length;
    }

    /**
     * Average ranks (1-based, ties share the mean of their positions, as {@code scipy.stats.rankdata})
     * of the rows where {@code alsoFinite} is not NaN; other rows get NaN. {@code alsoFinite == null}
     * ranks every ordered row.
     */
    double[] averageRanks(double[] alsoFinite, int length) {
        double[] ranks = new double[length];
        java.util.Arrays.fill(ranks, Double.NaN);
        if (group == null) {
            group = new int[rows.length];
        }
        int position = 0;
        int groupStart = 0;
        int groupSize = 0;
        long groupKey = 0;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (alsoFinite != null && Double.isNaN(alsoFinite[row])) {
                continue;
            }
            long key = keys[i];
            if (groupSize > 0 && key != groupKey) {
                assign(ranks, group, groupSize, groupStart);
                groupStart = position;
                groupSize = 0;
            }
            groupKey = key;
            group[groupSize++] = row;
            position++;
        }
        assign(ranks, group, groupSize, groupStart);
        return ranks;
    }

    private static void assign(double[] ranks, int[] group, int size, int start) {
        // positions start..start+size-1 (0-based) → mean 1-based rank
        double rank = start + (size + 1) / 2.0;
        for (int i = 0; i < size; i++) {
            ranks[group[i]] = rank;
        }
    }

    /** Bits whose unsigned order is the numeric order of doubles (-0.0 folded onto 0.0). */
    private static long sortableBits(double value) {
        long bits = Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /**
     * Stable LSD radix sort of unsigned {@code keys}, carrying {@code rows}; 11-bit digits (the counts stay in L1 cache), skipping
     * uniform ones. Returns the order (the given arrays or their buffers, whichever the last pass filled).
     */
    private static SortedOrder radixSort(long[] keys, int[] rows) {
        int n = keys.length;
        if (n < 2) {
            return new SortedOrder(keys, rows);
        }
        long[] keyBuffer = new long[n];
        int[] rowBuffer = new int[n];
        int[] counts = new int[1 << DIGIT_BITS];
        for (int shift = 0; shift < 64; shift += DIGIT_BITS) {
            java.util.Arrays.fill(counts, 0);
            for (long key : keys) {
                counts[(int) (key >>> shift) & DIGIT_MASK]++;
            }
            if (counts[(int) (keys[0] >>> shift) & DIGIT_MASK] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++) {
                int count = counts[d];
                counts[d] = sum;
                sum += count;
            }
            for (int i = 0; i < n; i++) {
                int target = counts[(int) (keys[i] >>> shift) & DIGIT_MASK]++;
                keyBuffer[target] = keys[i];
                rowBuffer[target] = rows[i];
            }
            long[] swapKeys = keys;
            keys = keyBuffer;
            keyBuffer = swapKeys;
            int[] swapRows = rows;
            rows = rowBuffer;
            rowBuffer = swapRows;
        }
        return new SortedOrder(keys, rows);
    }
}
