package dev.recsys.drift.engine;

/**
 * NumPy's {@code histogram_bin_edges(x, bins="sturges")} and {@code histogram(x, edges)}:
 * equal-width edges over [min, max] and counts where every bin is half-open [e_i, e_i+1)
 * except the last, which is closed.
 */
public final class Histogram {

    private Histogram() {
    }

    /**
     * Sturges edges for {@code count} values spanning [min, max]: width = range / (log2(count) + 1),
     * at least 1 when every value is an integer (NumPy ≥ 2.1 on integer arrays), bin count =
     * ceil(range / width), edges = linspace(min, max, bins + 1); a zero range becomes
     * [min − 0.5, max + 0.5] with one bin.
     */
    public static double[] sturgesEdges(double min, double max, long count, boolean integerValued) {
        double first = min;
        double last = max;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        int bins;
        // NumPy computes the width from the data's peak-to-peak (0 for constant data), not the widened range.
        double width = (max - min) / (NumpyMath.log2(count) + 1.0);
        if (width != 0.0) {
            if (integerValued && width < 1) {
                width = 1;
            }
            bins = (int) Math.ceil((last - first) / width);
        } else {
            bins = 1;
        }
        return linspace(first, last, bins + 1);
    }

    /** {@code np.linspace(start, stop, num)} with endpoint: i·step + start, last element exactly stop. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        int div = num - 1;
        double delta = stop - start;
        double step = delta / div;
        for (int i = 0; i < num; i++) {
            y[i] = step == 0 ? (double) i / div * delta + start : i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** Counts of {@code values} per bin of {@code edges}; values outside [e_0, e_last] are ignored. */
    public static long[] counts(double[] values, double[] edges) {
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        double first = edges[0];
        double last = edges[bins];
        double scale = bins / (last - first);
        for (double x : values) {
            if (x < first || x > last) {
                continue;
            }
            // Guess by arithmetic, then settle against the exact edges so ties land as with searchsorted.
            int k = (int) ((x - first) * scale);
            if (k >= bins) {
                k = bins - 1;
            } else if (k < 0) {
                k = 0;
            }
            while (k > 0 && x < edges[k]) {
                k--;
            }
            while (k < bins - 1 && x >= edges[k + 1]) {
                k++;
            }
            counts[k]++;
        }
        return counts;
    }

    /** Whether every value is a whole number (NumPy's integer-dtype rule applies to such data). */
    public static boolean allIntegers(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }
}
