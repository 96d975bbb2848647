package dev.recsys.drift.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, as {@code scipy.stats.ks_2samp(a, b)} with
 * {@code method="auto"}: exact p-value when max(n1, n2) ≤ 10000 (falling back to the
 * asymptotic one where the exact computation fails, as SciPy does), otherwise
 * {@code kstwo.sf(D, round(n1·n2/(n1+n2)))}.
 */
public final class KolmogorovSmirnov {

    /** SciPy's MAX_AUTO_N. */
    static final int MAX_EXACT_N = 10_000;

    /**
     * commons-statistics' finite-n Kolmogorov survival function (Simard & L'Ecuyer, as SciPy's
     * kstwo). The library exposes it only inside its package, so it is bound once here.
     */
    private static final MethodHandle KOLMOGOROV_SF = bindKolmogorovSf();

    private KolmogorovSmirnov() {
    }

    /** D and its p-value; {@code exact} tells which regime produced the p-value. */
    public record Result(double statistic, double pValue, boolean exact) {
    }

    /** Tests two sorted, non-empty samples. */
    public static Result test(double[] sortedA, double[] sortedB) {
        int n1 = sortedA.length;
        int n2 = sortedB.length;
        double d = statistic(sortedA, sortedB);
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            Result exact = attemptExact(n1, n2, d);
            if (exact != null) {
                return exact;
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        return new Result(d, clip(kolmogorovSf(d, (int) Math.rint(en))), false);
    }

    /**
     * D = max |F_a − F_b| over the pooled values, evaluated like SciPy: the larger of
     * max(cdf_a − cdf_b) and clip(−min(cdf_a − cdf_b), 0, 1), each cdf = count ≤ x / n.
     */
    public static double statistic(double[] sortedA, double[] sortedB) {
        int n1 = sortedA.length;
        int n2 = sortedB.length;
        double maxDiff = Double.NEGATIVE_INFINITY;
        double minDiff = Double.POSITIVE_INFINITY;
        int i = 0;
        int j = 0;
        while (i < n1 || j < n2) {
            double x = j >= n2 || (i < n1 && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            while (i < n1 && sortedA[i] <= x) {
                i++;
            }
            while (j < n2 && sortedB[j] <= x) {
                j++;
            }
            double diff = (double) i / n1 - (double) j / n2;
            if (diff > maxDiff) {
                maxDiff = diff;
            }
            if (diff < minDiff) {
                minDiff = diff;
            }
        }
        double minS = Math.min(Math.max(-minDiff, 0.0), 1.0);
        return minS > maxDiff ? minS : maxDiff;
    }

    /** SciPy's _attempt_exact_2kssamp for the two-sided case; {@code null} when it would fall back. */
    private static Result attemptExact(int n1, int n2, double d) {
        long g = gcd(n1, n2);
        long lcm = (n1 / g) * n2;
        long h = (long) Math.rint(d * lcm);
        double dExact = h * 1.0 / lcm;
        if (h == 0) {
            return new Result(dExact, 1.0, true);
        }
        double prob = n1 == n2
                ? probOutsideSquare(n1, h)
                : outerProbInside(n1, n2, g, h);
        if (!(prob >= 0 && prob <= 1)) {
            return null;
        }
        return new Result(dExact, prob, true);
    }

    /** SciPy's _compute_prob_outside_square: P(D_{n,n} ≥ h/n), Horner-like alternating sum. */
    static double probOutsideSquare(long n, long h) {
        double p = 0.0;
        long k = (long) Math.floor((double) n / h);
        while (k >= 0) {
            double p1 = 1.0;
            for (long j = 0; j < h; j++) {
                p1 = (double) (n - k * h - j) * p1 / (double) (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * SciPy's _compute_outer_prob_inside_method (Hodges' inside method with Viehmann's
     * recursion for 1 − p): the proportion of lattice paths leaving |x/m − y/n| &lt; h/lcm.
     */
    static double outerProbInside(long m0, long n0, long g, long h) {
        long m = Math.max(m0, n0);
        long n = Math.min(m0, n0);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
        int curlen = maxj - minj;
        int lenA = (int) Math.min(2L * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        java.util.Arrays.fill(a, minj, maxj, 0.0);
        for (long i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
            minj = (int) Math.min(minj, n);
            maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                int j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                java.util.Arrays.fill(a, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA), 1.0);
            }
        }
        return a[maxj - minj - 1];
    }

    /** The finite-n Kolmogorov distribution's survival function, SciPy's {@code kstwo.sf(d, n)}. */
    public static double kolmogorovSf(double d, int n) {
        try {
            return (double) KOLMOGOROV_SF.invokeExact(d, n);
        } catch (Throwable e) {
            throw new IllegalStateException("Kolmogorov distribution failed for d=" + d + ", n=" + n, e);
        }
    }

    private static MethodHandle bindKolmogorovSf() {
        try {
            Class<?> two = Class.forName("org.apache.commons.statistics.inference.KolmogorovSmirnovDistribution$Two");
            Method sf = two.getDeclaredMethod("sf", double.class, int.class);
            sf.setAccessible(true);
            return MethodHandles.lookup().unreflect(sf)
                    .asType(MethodType.methodType(double.class, double.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, 0.0), 1.0);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
