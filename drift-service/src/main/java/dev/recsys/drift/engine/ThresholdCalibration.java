package dev.recsys.drift.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Calibrated thresholds ({@code threshold: auto}, docs/statistics.md §6): the value a statistic exceeds
 * with probability α when the reference (m values) and the window (n values) come from the same
 * distribution. The laws hold far in the tail, since α is of the order of 1e-5:
 * <ul>
 *   <li>two-sample tests (ks, chisquare_2s, z): α on their p-value;</li>
 *   <li>divergences over categories (labels, or numbers with at most 20 distinct reference values),
 *       k occupied categories: with Δ = current − reference shares,
 *       Σ Δᵢ²/pᵢ ≈ (1/m + 1/n)·χ²ₖ₋₁ (Pearson's homogeneity statistic), and by second-order Taylor
 *       expansion psi ≈ Σ Δᵢ²/pᵢ, kl ≈ ½ Σ Δᵢ²/pᵢ, js distance² ≈ ⅛ Σ Δᵢ²/pᵢ and
 *       hellinger² ≈ ⅛ Σ Δᵢ²/pᵢ;</li>
 *   <li>wasserstein, and divergences over the Sturges bins of numbers (whose edges follow each
 *       window's range, so sparse edge bins break the χ² law): a two-sample bootstrap under the null
 *       (pseudo-reference of m and pseudo-window of n values, both drawn with replacement from the
 *       reference, the statistic computed exactly as for real data), whose tail above its 90th
 *       percentile is fitted by an exponential (a generalised Pareto tail with shape 0). W1 is the L1
 *       norm of an asymptotically Gaussian process, whose tail is lighter than exponential
 *       (Borell–TIS), so the extrapolated quantile errs on the side of fewer alarms.</li>
 * </ul>
 * Expensive results (the bootstrap, χ² quantiles) are cached on the {@link PreparedReference} per
 * method, α and window size class, so a window never pays a calibration twice.
 */
public final class ThresholdCalibration {

    /**
     * The default false-alarm probability per feature and evaluation: 7 features evaluated every 30 s
     * (2,880 times a day) expect 7 × 2,880 × 1e-5 ≈ 0.2 false feature alarms a day.
     */
    public static final double DEFAULT_ALPHA = 1e-5;

    /** Bootstrap replicates per reference and window size class. */
    static final int BOOTSTRAP_REPLICATES = 2000;
    /** The exponential tail is fitted to the replicates above this quantile. */
    static final double TAIL_QUANTILE = 0.9;
    /** Window size classes per doubling of n: the bootstrap runs at the class's smallest size. */
    static final int SIZE_CLASSES_PER_OCTAVE = 4;
    /** Larger windows (sketch mode) share the class of 2^17 values; the asymptotic scaling covers the rest. */
    static final int LARGEST_SIZE_CLASS = 17 * SIZE_CLASSES_PER_OCTAVE;
    private static final double MIN_WASSERSTEIN_NORM = 0.001;
    private static final long SEED = 0x5DEECE66DL;

    private ThresholdCalibration() {
    }

    /** Whether {@code alpha} is a usable false-alarm probability: 0 &lt; α &lt; 1. */
    public static boolean acceptsAlpha(double alpha) {
        return alpha > 0 && alpha < 1;
    }

    /**
     * The constant c of a binned divergence's null law, statistic ≈ c·(1/m + 1/n)·χ²ₖ₋₁, applying to
     * the squared distance for jensenshannon and hellinger.
     */
    public static double chiSquareScale(DriftMethod method) {
        return switch (method) {
            case PSI -> 1.0;
            case KL -> 0.5;
            case JENSENSHANNON, HELLINGER -> 0.125;
            default -> throw new IllegalArgumentException(method + " has no χ² null law");
        };
    }

    /** Two-sample tests: the threshold on the p-value is α itself. */
    static Threshold pValue(double alpha) {
        return new Threshold(alpha, alpha, Threshold.P_VALUE);
    }

    /**
     * Binned divergences: c·(1/m + 1/n)·χ²ₖ₋₁(1 − α), its square root for the distances js and
     * hellinger. At least one degree of freedom (a single occupied bin gives a zero statistic).
     */
    static Threshold chiSquare(DriftMethod method, double alpha, PreparedReference reference, long m, long n,
                               int occupiedBins) {
        int df = Math.max(1, occupiedBins - 1);
        double quantile = reference.calibration(new PreparedReference.CalibrationKey(method, alpha, df),
                () -> ChiSquaredDistribution.of(df).inverseSurvivalProbability(alpha));
        double squared = chiSquareScale(method) * (1.0 / m + 1.0 / n) * quantile;
        boolean distance = method == DriftMethod.JENSENSHANNON || method == DriftMethod.HELLINGER;
        return new Threshold(distance ? Math.sqrt(squared) : squared, alpha, Threshold.CHI2_ASYMPTOTIC);
    }

    /**
     * Numbers by bootstrap (wasserstein; psi, kl, jensenshannon, hellinger over Sturges bins): the
     * bootstrap runs once per reference, method and size class at the class's smallest size n₀ ≤ n
     * (at most 2^17);
     * the quantile found there is scaled to n by (1/m + 1/n) / (1/m + 1/n₀), the asymptotic scale of
     * psi and kl, or by its square root for the distances (wasserstein, jensenshannon, hellinger).
     */
    static Threshold bootstrapped(DriftMethod method, double alpha, PreparedReference reference, int n) {
        int sizeClass = Math.min(LARGEST_SIZE_CLASS,
                (int) Math.floor(SIZE_CLASSES_PER_OCTAVE * Math.log(n) / Math.log(2)));
        int classSize = Math.min(n, (int) Math.ceil(Math.pow(2, (double) sizeClass / SIZE_CLASSES_PER_OCTAVE)));
        double[] replicates = reference.bootstrap(new PreparedReference.BootstrapKey(method, sizeClass),
                () -> method == DriftMethod.WASSERSTEIN
                        ? bootstrapWasserstein(reference.sorted(), classSize, sizeClass)
                        : bootstrapBinned(method, reference.sorted(), reference.integerValued(), classSize, sizeClass));
        double m = reference.size();
        double ratio = (1 / m + 1.0 / n) / (1 / m + 1.0 / classSize);
        double scale = method == DriftMethod.PSI || method == DriftMethod.KL ? ratio : Math.sqrt(ratio);
        return new Threshold(upperQuantile(replicates, alpha) * scale, alpha, Threshold.BOOTSTRAP_TAIL);
    }

    /**
     * The (1 − α) quantile of sorted replicates: empirical for α ≥ 0.1, beyond that u + β·ln(0.1/α)
     * with u the 90th percentile and β the mean excess over it.
     */
    static double upperQuantile(double[] sorted, double alpha) {
        int b = sorted.length;
        if (alpha >= 1 - TAIL_QUANTILE) {
            return sorted[Math.min(b - 1, (int) Math.ceil((1 - alpha) * b) - 1)];
        }
        int tailStart = (int) Math.ceil(TAIL_QUANTILE * b) - 1;
        double u = sorted[tailStart];
        double excess = 0;
        for (int i = tailStart + 1; i < b; i++) {
            excess += sorted[i] - u;
        }
        double beta = excess / (b - tailStart - 1);
        return u + beta * Math.log((1 - TAIL_QUANTILE) / alpha);
    }

    /**
     * Sorted bootstrap replicates of the normed W1 between a pseudo-reference of m and a
     * pseudo-window of n values, both drawn with replacement from the sorted reference. A resample is
     * a count per reference position, so W1 = Σ |F*ref − F*cur|·(xᵢ₊₁ − xᵢ) needs no sort.
     */
    static double[] bootstrapWasserstein(double[] sortedReference, int n, int sizeClass) {
        int m = sortedReference.length;
        SplittableRandom random = new SplittableRandom(SEED ^ sizeClass);
        int[] refCounts = new int[m];
        int[] curCounts = new int[m];
        double[] replicates = new double[BOOTSTRAP_REPLICATES];
        for (int b = 0; b < BOOTSTRAP_REPLICATES; b++) {
            Arrays.fill(refCounts, 0);
            Arrays.fill(curCounts, 0);
            for (int i = 0; i < m; i++) {
                refCounts[random.nextInt(m)]++;
            }
            for (int i = 0; i < n; i++) {
                curCounts[random.nextInt(m)]++;
            }
            double mean = 0;
            for (int i = 0; i < m; i++) {
                mean += refCounts[i] * sortedReference[i];
            }
            mean /= m;
            double variance = 0;
            double w1 = 0;
            long refCumulative = 0;
            long curCumulative = 0;
            for (int i = 0; i < m; i++) {
                double d = sortedReference[i] - mean;
                variance += refCounts[i] * d * d;
                refCumulative += refCounts[i];
                curCumulative += curCounts[i];
                if (i + 1 < m) {
                    double gap = sortedReference[i + 1] - sortedReference[i];
                    w1 += Math.abs((double) refCumulative / m - (double) curCumulative / n) * gap;
                }
            }
            replicates[b] = w1 / Math.max(Math.sqrt(variance / m), MIN_WASSERSTEIN_NORM);
        }
        Arrays.sort(replicates);
        return replicates;
    }

    /**
     * Sorted bootstrap replicates of psi, kl, jensenshannon or hellinger over Sturges bins, each computed
     * as {@link DriftEngine} does: edges over the pooled range, counts, then the divergence. Hellinger's
     * bin count follows the pooled distinct values: a resample repeats reference values, so for a
     * reference without ties (continuous data, where real windows bring new values) it is m + n, else
     * the resample's own distinct count.
     */
    static double[] bootstrapBinned(DriftMethod method, double[] sortedReference, boolean integerValued, int n,
                                    int sizeClass) {
        int m = sortedReference.length;
        int[] distinctIndex = new int[m];
        for (int i = 1; i < m; i++) {
            distinctIndex[i] = distinctIndex[i - 1] + (sortedReference[i] != sortedReference[i - 1] ? 1 : 0);
        }
        boolean[] seen = new boolean[distinctIndex[m - 1] + 1];
        boolean continuous = seen.length == m;
        SplittableRandom random = new SplittableRandom(SEED ^ sizeClass ^ ((long) method.ordinal() << 32));
        double[] ref = new double[m];
        double[] cur = new double[n];
        double[] replicates = new double[BOOTSTRAP_REPLICATES];
        for (int b = 0; b < BOOTSTRAP_REPLICATES; b++) {
            Arrays.fill(seen, false);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int distinct = 0;
            for (double[] sample : new double[][] {ref, cur}) {
                for (int i = 0; i < sample.length; i++) {
                    int position = random.nextInt(m);
                    double v = sortedReference[position];
                    sample[i] = v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    if (!seen[distinctIndex[position]]) {
                        seen[distinctIndex[position]] = true;
                        distinct++;
                    }
                }
            }
            long count = method == DriftMethod.HELLINGER && !continuous ? distinct : (long) m + n;
            double[] edges = Histogram.sturgesEdges(min, max, count, integerValued);
            long[] refCounts = Histogram.counts(ref, edges);
            long[] curCounts = Histogram.counts(cur, edges);
            replicates[b] = switch (method) {
                case PSI -> Divergences.psi(refCounts, m, curCounts, n);
                case KL -> Divergences.kl(refCounts, m, curCounts, n);
                case JENSENSHANNON -> Divergences.jensenShannon(refCounts, m, curCounts, n);
                case HELLINGER -> Divergences.hellingerDensity(refCounts, curCounts, edges);
                default -> throw new IllegalArgumentException(method + " is not a binned divergence");
            };
        }
        Arrays.sort(replicates);
        return replicates;
    }
}
