package dev.recsys.drift.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, as {@code scipy.stats.ks_2samp(a, b)} with
 * {@code method="auto"}: exact p-value when max(n1, n2) ≤ 10000 (falling back to the
 * asymptotic one where the exact computation fails, as SciPy does), otherwise
 * {@code kstwo.sf(D, round(n1·n2/(n1+n2)))}.
 */
public final class KolmogorovSmirnov {

    /** SciPy's MAX_AUTO_N. */
    static final int MAX_EXACT_N = 10_000;

    /** Above this n the Smirnov series is replaced by the Pelz–Good expansion. */
    static final int PELZ_GOOD_MIN_N = 2000;
    /** Simard & L'Ecuyer's switch to the Smirnov series for the upper tail. */
    private static final double SMIRNOV_SERIES_MIN_NXX = 2.2;
    /** Beyond this SciPy's kstwo.sf returns exactly 0. */
    private static final double SCIPY_ZERO_NXX = 370.0;
    private static final double DEEP_TAIL_NXX = 18.0;

    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double SQRT3 = Math.sqrt(3);
    private static final double MIN_LOG = -708;

    /**
     * commons-statistics' finite-n Kolmogorov survival function (Simard & L'Ecuyer, as SciPy's
     * kstwo). The library exposes it only inside its package, so it is bound once here.
     */
    private static final MethodHandle KOLMOGOROV_SF = bindKolmogorovSf();

    private KolmogorovSmirnov() {
    }

    /**
     * D and its p-value; {@code exact} tells which regime produced the p-value, {@code exactCostSkipped}
     * the cost of an exact p-value the budget did not cover (0 when none was skipped).
     */
    public record Result(double statistic, double pValue, boolean exact, long exactCostSkipped) {
    }

    /**
     * Tests two sorted, non-empty samples. Where SciPy's rule computes the exact p-value it is paid
     * from {@code budget}; when its cost exceeds what is left, the p-value is the asymptotic one.
     */
    public static Result test(double[] sortedA, double[] sortedB, ExactKsBudget budget) {
        return test(statistic(sortedA, sortedB), sortedA.length, sortedB.length, budget);
    }

    /** The test of two samples of sizes {@code n1} and {@code n2} whose statistic is {@code d}: the p-value depends on nothing else. */
    static Result test(double d, int n1, int n2, ExactKsBudget budget) {
        long skipped = 0;
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            long cost = exactCost(n1, n2, d);
            if (budget.spend(cost)) {
                Result exact = attemptExact(n1, n2, d);
                if (exact != null) {
                    return exact;
                }
            } else {
                skipped = cost;
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        return new Result(d, clip(kolmogorovSf(d, (int) Math.rint(en))), false, skipped);
    }

    /**
     * Lattice cells the exact p-value visits at most (measured: about 20 ns each): n for equal sizes
     * (the alternating sum of {@link #probOutsideSquare}); for unequal sizes the path recursion of
     * {@link #outerProbInside} walks max(n₁, n₂) rows of a band about 2·D·min(n₁, n₂) cells wide.
     */
    static long exactCost(int n1, int n2, double d) {
        if (n1 == n2) {
            return n1;
        }
        long small = Math.min(n1, n2);
        long band = Math.min(small + 1, 2 * (long) Math.ceil(d * small) + 1);
        return Math.max(n1, n2) * band;
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

    /**
     * {@link #statistic(double[], double[])} of the reference against a sample given as sorted runs,
     * without merging them: from counts of the sample at and below each distinct reference value.
     * Between two reference values the reference cdf is constant and the sample's only grows, so
     * of the pooled points there only the last one can lower the minimum and none can raise the
     * maximum above the reference point before them; the points that matter give the same
     * differences, computed the same way, as the pooled walk.
     */
    static double statistic(PreparedReference reference, List<double[]> sortedRuns) {
        double[] steps = reference.distinctSorted();
        int[] atOrBelow = reference.countsAtOrBelow();
        int k = steps.length;
        int[] le = new int[k];
        int[] lt = new int[k];
        int n2 = 0;
        for (double[] run : sortedRuns) {
            int[] counts = reference.countsOf(run);
            for (int s = 0; s < k; s++) {
                lt[s] += counts[2 * s];
                le[s] += counts[2 * s + 1];
            }
            n2 += run.length;
        }
        int n1 = reference.size();
        double maxDiff = Double.NEGATIVE_INFINITY;
        double minDiff = Double.POSITIVE_INFINITY;
        for (int s = 0; s < k; s++) {
            int before = s == 0 ? 0 : le[s - 1];
            if (lt[s] > before) {
                // the last sample value strictly between the previous reference value and this one
                double diff = (double) (s == 0 ? 0 : atOrBelow[s - 1]) / n1 - (double) lt[s] / n2;
                maxDiff = diff > maxDiff ? diff : maxDiff;
                minDiff = diff < minDiff ? diff : minDiff;
            }
            double diff = (double) atOrBelow[s] / n1 - (double) le[s] / n2;
            maxDiff = diff > maxDiff ? diff : maxDiff;
            minDiff = diff < minDiff ? diff : minDiff;
        }
        if (le[k - 1] < n2) {
            // sample values above the largest reference value: the last pooled point
            double diff = (double) n1 / n1 - (double) n2 / n2;
            maxDiff = diff > maxDiff ? diff : maxDiff;
            minDiff = diff < minDiff ? diff : minDiff;
        }
        double minS = Math.min(Math.max(-minDiff, 0.0), 1.0);
        return minS > maxDiff ? minS : maxDiff;
    }

    /** The test of the reference against a sample given as sorted runs (see {@link #statistic(PreparedReference, List)}). */
    static Result test(PreparedReference reference, List<double[]> sortedRuns, ExactKsBudget budget) {
        int n2 = sortedRuns.stream().mapToInt(run -> run.length).sum();
        return test(statistic(reference, sortedRuns), reference.size(), n2, budget);
    }

    /** SciPy's _attempt_exact_2kssamp for the two-sided case; {@code null} when it would fall back. */
    private static Result attemptExact(int n1, int n2, double d) {
        long g = gcd(n1, n2);
        long lcm = (n1 / g) * n2;
        long h = (long) Math.rint(d * lcm);
        double dExact = h * 1.0 / lcm;
        if (h == 0) {
            return new Result(dExact, 1.0, true, 0);
        }
        double prob = n1 == n2
                ? probOutsideSquare(n1, h)
                : outerProbInside(n1, n2, g, h);
        if (!(prob >= 0 && prob <= 1)) {
            return null;
        }
        return new Result(dExact, prob, true, 0);
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

    /**
     * The finite-n Kolmogorov distribution's survival function, SciPy's {@code kstwo.sf(d, n)}.
     * Where SciPy (and commons-statistics) sum the exact one-sided Smirnov series, O(n) terms
     * (n·d² ≥ 2.2), large n use the Pelz–Good expansion instead: across n = 2000 … 10⁶ it stays
     * within 0.2% of the agreement tolerance (1e-6 + 1e-3·p) of SciPy and costs microseconds
     * instead of up to a second. Below 1e-15 (n·d² ≥ 18) the limiting tail 2·exp(−2n·d²) is
     * used, and 0 from n·d² ≥ 370 as in SciPy.
     */
    public static double kolmogorovSf(double d, int n) {
        double nxx = n * d * d;
        if (n > PELZ_GOOD_MIN_N && nxx >= SMIRNOV_SERIES_MIN_NXX && d < 1) {
            if (nxx >= SCIPY_ZERO_NXX) {
                return 0.0;
            }
            if (nxx >= DEEP_TAIL_NXX) {
                // p < 1e-15, where 1 − cdf has no digits left: the limiting tail 2·exp(−2n·d²)
                return clip(2 * Math.exp(-2 * nxx));
            }
            return clip(1.0 - pelzGoodCdf(d, n));
        }
        try {
            return (double) KOLMOGOROV_SF.invokeExact(d, n);
        } catch (Throwable e) {
            throw new IllegalStateException("Kolmogorov distribution failed for d=" + d + ", n=" + n, e);
        }
    }

    /**
     * Pelz–Good (1976) approximation of P(D_n ≤ x): the Li-Chien/Korolyuk expansion
     * K0 + K1/√n + K2/n + K3/n^1.5 in z = x√n, with the Jacobi-theta forms for small z, as in
     * SciPy's {@code _kolmogn_PelzGood}.
     */
    static double pelzGoodCdf(double x, int n) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI2 / 8 / z2;
        if (qlog < MIN_LOG) {
            return 0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * z4 * z4;
        double k0 = 0;
        double k1 = 0;
        double k2 = 0;
        double k3 = 0;
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        // Horner scheme over odd m = 2k − 1 of c_m · q^(m²)
        for (int k = maxk; k > 0; k--) {
            double m = 2.0 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8.0 * k);
            k0 = k0 * qpower + 1.0;
            k1 = k1 * qpower + (k1a + k1b * m2);
            k2 = k2 * qpower + (k2a + k2b * m2 + k2c * m4);
            k3 = k3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        double scale = q * SQRT_2PI;
        k0 = k0 * scale / z;
        k1 = k1 * scale / (6 * z4);
        k2 = k2 * scale / (72 * z6 * z);
        k3 = k3 * scale / (6480 * z6 * z4);
        // The sums over all integers k of the K2 and K3 corrections
        double qAll = Math.exp(-PI2 / 2 / z2);
        double k2extra = 0;
        double k3extra = 0;
        double sqrt3z = SQRT3 * z;
        for (int k = maxk; k > 0; k--) {
            double k2sq = (double) k * k;
            double qpower = Math.pow(qAll, k2sq);
            double kpi = Math.PI * k;
            k2extra += k2sq * qpower;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2sq * qpower;
        }
        k2 += k2extra * PI2 * SQRT_2PI / (-36 * z3);
        k3 += k3extra * PI2 * SQRT_2PI / (216 * z6);
        double sqrtN = Math.sqrt(n);
        return k0 + k1 / sqrtN + k2 / n + k3 / (n * sqrtN);
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
