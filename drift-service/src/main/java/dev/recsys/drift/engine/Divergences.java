package dev.recsys.drift.engine;

/**
 * Distances between two binned distributions, each given as counts over the same bins
 * (docs/statistics.md §3). Shares are count / sample size; sums use NumPy's summation order.
 * These kernels also serve sketch mode: frequency counts from a sketch go in unchanged.
 */
public final class Divergences {

    private static final double ZERO_SHARE = 1e-4;

    private Divergences() {
    }

    /** count / total per bin. */
    public static double[] shares(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }

    /**
     * Evidently's zero filling: with m the smallest non-zero share, every zero share becomes
     * m/1e6 when m ≤ 1e-4, else 1e-4 (no renormalising). Returns a new array.
     */
    public static double[] fillZeros(double[] shares) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s != 0 && s < smallest) {
                smallest = s;
            }
        }
        double fill = smallest <= ZERO_SHARE ? smallest / 1e6 : ZERO_SHARE;
        double[] filled = shares.clone();
        for (int i = 0; i < filled.length; i++) {
            if (filled[i] == 0) {
                filled[i] = fill;
            }
        }
        return filled;
    }

    /** PSI = Σ (r − c)·ln(r / c) over zero-filled shares. */
    public static double psi(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        double[] r = fillZeros(shares(refCounts, refTotal));
        double[] c = fillZeros(shares(curCounts, curTotal));
        double[] terms = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            terms[i] = (r[i] - c[i]) * Math.log(r[i] / c[i]);
        }
        return NumpyMath.sum(terms);
    }

    /** KL(ref ‖ cur), natural log, as {@code scipy.stats.entropy(r, c)} on the zero-filled shares. */
    public static double kl(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        double[] p = normalized(fillZeros(shares(refCounts, refTotal)));
        double[] q = normalized(fillZeros(shares(curCounts, curTotal)));
        double[] terms = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            terms[i] = relEntr(p[i], q[i]);
        }
        return NumpyMath.sum(terms);
    }

    /** {@code scipy.spatial.distance.jensenshannon(r, c)} (natural log, no zero filling). */
    public static double jensenShannon(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        double[] p = normalized(shares(refCounts, refTotal));
        double[] q = normalized(shares(curCounts, curTotal));
        double[] left = new double[p.length];
        double[] right = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2.0;
            left[i] = relEntr(p[i], m);
            right[i] = relEntr(q[i], m);
        }
        double js = NumpyMath.sum(left) + NumpyMath.sum(right);
        return Math.sqrt(js / 2.0);
    }

    /** Categorical Hellinger distance: sqrt(1 − clip(Σ sqrt(p·q), 0, 1)) over the category shares. */
    public static double hellinger(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        double[] p = shares(refCounts, refTotal);
        double[] q = shares(curCounts, curTotal);
        double[] roots = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            roots[i] = Math.sqrt(p[i] * q[i]);
        }
        return Math.sqrt(1 - clip01(NumpyMath.sum(roots)));
    }

    /**
     * Numerical Hellinger distance over density histograms on shared equal-width edges:
     * BC = Σ sqrt(h1·h2) · width, H = sqrt(1 − clip(BC, 0, 1)).
     */
    public static double hellingerDensity(long[] refCounts, long[] curCounts, double[] edges) {
        double[] h1 = density(refCounts, edges);
        double[] h2 = density(curCounts, edges);
        double[] roots = new double[h1.length];
        for (int i = 0; i < h1.length; i++) {
            roots[i] = Math.sqrt(h1[i] * h2[i]);
        }
        double width = (edges[edges.length - 1] - edges[0]) / (edges.length - 1);
        return Math.sqrt(1 - clip01(NumpyMath.sum(roots) * width));
    }

    /** {@code np.histogram(x, edges, density=True)}: count / bin width / total count. */
    private static double[] density(long[] counts, double[] edges) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] density = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            density[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
        }
        return density;
    }

    private static double[] normalized(double[] values) {
        double total = NumpyMath.sum(values);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] / total;
        }
        return out;
    }

    /** {@code scipy.special.rel_entr}. */
    private static double relEntr(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0;
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double clip01(double v) {
        return Math.min(Math.max(v, 0.0), 1.0);
    }
}
