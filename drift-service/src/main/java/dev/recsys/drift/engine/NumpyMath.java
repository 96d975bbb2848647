package dev.recsys.drift.engine;

/**
 * Floating-point helpers that round exactly like NumPy, so results agree bit for bit where
 * the order of operations matters (sums near cancellation, e.g. Hellinger of near-identical
 * histograms).
 */
public final class NumpyMath {

    private static final int PAIRWISE_BLOCK = 128;

    private NumpyMath() {
    }

    /** {@code np.sum} of a contiguous float64 array: NumPy's pairwise summation with 8 accumulators. */
    public static double sum(double[] values) {
        return pairwiseSum(values, 0, values.length);
    }

    private static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            int limit = n - (n % 8);
            for (; i < limit; i += 8) {
                int k = from + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }

    /** {@code np.std(values)} (ddof 0): mean by pairwise sum, then pairwise sum of squared deviations. */
    public static double populationStd(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double mean = sum(values) / n;
        double[] squares = new double[n];
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares[i] = d * d;
        }
        return Math.sqrt(sum(squares) / n);
    }

    /**
     * log2 of a positive count: exact for powers of two (where Sturges' bin count is an exact
     * integer and the rounding of NumPy's width decides the count), else ln(n)/ln(2).
     */
    public static double log2(long n) {
        if (Long.bitCount(n) == 1) {
            return Long.numberOfTrailingZeros(n);
        }
        return Math.log(n) / Math.log(2.0);
    }
}
