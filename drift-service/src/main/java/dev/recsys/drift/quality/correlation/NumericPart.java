package dev.recsys.drift.quality.correlation;

import java.util.Arrays;

/**
 * Numeric columns over some consecutive rows of a window (one minute of a live window, or a whole
 * reference), reduced to what merges into the correlation matrices and range summaries of all the
 * window's rows: per column its sorted distinct values (−0.0 folded onto 0.0), how often each
 * occurs, each row's code (index into them, −1 when absent), min and max; per pair of columns the
 * co-moments over their common rows. Immutable, so a part of rows that do not change is computed once.
 */
public final class NumericPart {

    final int rows;
    final double[][] distinct;
    final int[][] counts;
    final int[][] codes;
    final double[] min;
    final double[] max;
    /** Per pair {@code (i, j), i < j}, at {@link #pair}. */
    final Moments[] moments;

    private NumericPart(int rows, double[][] distinct, int[][] counts, int[][] codes, double[] min, double[] max,
                        Moments[] moments) {
        this.rows = rows;
        this.distinct = distinct;
        this.counts = counts;
        this.codes = codes;
        this.min = min;
        this.max = max;
        this.moments = moments;
    }

    /** The part of the first {@code length} rows of row-aligned {@code columns} (NaN: absent). */
    public static NumericPart of(double[][] columns, int length) {
        int p = columns.length;
        double[][] distinct = new double[p][];
        int[][] counts = new int[p][];
        int[][] codes = new int[p][];
        double[] min = new double[p];
        double[] max = new double[p];
        for (int f = 0; f < p; f++) {
            double[] column = columns[f];
            double[] values = new double[length];
            int present = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < length; k++) {
                double v = column[k];
                if (!Double.isNaN(v)) {
                    values[present++] = fold(v);
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            min[f] = low;
            max[f] = high;
            values = Arrays.copyOf(values, present);
            Arrays.sort(values);
            int d = 0;
            for (int k = 0; k < present; k++) {
                if (k == 0 || values[k] != values[k - 1]) {
                    values[d++] = values[k];
                }
            }
            distinct[f] = Arrays.copyOf(values, d);
            counts[f] = new int[d];
            codes[f] = new int[length];
            for (int k = 0; k < length; k++) {
                double v = column[k];
                int code = Double.isNaN(v) ? -1 : Arrays.binarySearch(distinct[f], fold(v));
                codes[f][k] = code;
                if (code >= 0) {
                    counts[f][code]++;
                }
            }
        }
        Moments[] moments = new Moments[p * (p - 1) / 2];
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                moments[pair(i, j, p)] = Moments.of(columns[i], columns[j], length);
            }
        }
        return new NumericPart(length, distinct, counts, codes, min, max, moments);
    }

    /** Rows of this part. */
    public int rows() {
        return rows;
    }

    /** Bytes held (estimated from the arrays), for a window's memory budget. */
    public long bytes() {
        long bytes = 64L + 48L * moments.length;
        for (int f = 0; f < distinct.length; f++) {
            bytes += 48 + 8L * distinct[f].length + 4L * counts[f].length + 4L * codes[f].length;
        }
        return bytes;
    }

    /** Index of pair {@code (i, j), i < j} of {@code p} columns. */
    static int pair(int i, int j, int p) {
        return i * (2 * p - i - 1) / 2 + (j - i - 1);
    }

    /** The value a distinct value stands for: −0.0 and 0.0 are one value, as they compare equal. */
    private static double fold(double v) {
        return v == 0.0 ? 0.0 : v;
    }

    /**
     * Pearson co-moments of two columns over their common rows: count, means, sums of squared
     * deviations and of cross deviations. Two-pass within a part (as NumPy), merged across parts
     * with the pairwise formulas of Chan, Golub and LeVeque.
     */
    record Moments(long n, double meanX, double meanY, double sxx, double syy, double sxy) {

        static final Moments NONE = new Moments(0, 0, 0, 0, 0, 0);

        static Moments of(double[] x, double[] y, int length) {
            long n = 0;
            double sumX = 0;
            double sumY = 0;
            for (int k = 0; k < length; k++) {
                double a = x[k];
                double b = y[k];
                if (!Double.isNaN(a) && !Double.isNaN(b)) {
                    n++;
                    sumX += a;
                    sumY += b;
                }
            }
            if (n == 0) {
                return NONE;
            }
            double meanX = sumX / n;
            double meanY = sumY / n;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int k = 0; k < length; k++) {
                double a = x[k];
                double b = y[k];
                if (!Double.isNaN(a) && !Double.isNaN(b)) {
                    double dx = a - meanX;
                    double dy = b - meanY;
                    sxx += dx * dx;
                    syy += dy * dy;
                    sxy += dx * dy;
                }
            }
            return new Moments(n, meanX, meanY, sxx, syy, sxy);
        }

        /** The moments of these rows followed by {@code next}'s. */
        Moments merge(Moments next) {
            if (next.n == 0) {
                return this;
            }
            if (n == 0) {
                return next;
            }
            long total = n + next.n;
            double dx = next.meanX - meanX;
            double dy = next.meanY - meanY;
            double weight = (double) n * next.n / total;
            return new Moments(total, meanX + dx * next.n / total, meanY + dy * next.n / total,
                    sxx + next.sxx + dx * dx * weight, syy + next.syy + dy * dy * weight,
                    sxy + next.sxy + dx * dy * weight);
        }

        /** Pearson's r, in [−1, 1]; NaN with fewer than two rows or no spread. */
        double r() {
            return coefficient(n, sxx, syy, sxy);
        }

        static double coefficient(long n, double sxx, double syy, double sxy) {
            if (n < 2 || sxx == 0 || syy == 0) {
                return Double.NaN;
            }
            return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
        }
    }
}
