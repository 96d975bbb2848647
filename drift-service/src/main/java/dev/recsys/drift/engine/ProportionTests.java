package dev.recsys.drift.engine;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Pearson's chi-square and the pooled two-proportion z-test on category counts (docs/statistics.md §3). */
public final class ProportionTests {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ProportionTests() {
    }

    /** A test statistic and its p-value. */
    public record Result(double statistic, double pValue) {
    }

    /**
     * Chi-square goodness of fit of current counts against reference counts scaled to the
     * current size (expected = ref_count · (n_cur / n_ref)), k − 1 degrees of freedom. A category
     * absent from the reference makes χ² infinite and p = 0; a single category gives p = 1.
     */
    public static Result chiSquare(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        double scale = (double) curTotal / refTotal;
        double[] terms = new double[refCounts.length];
        for (int i = 0; i < refCounts.length; i++) {
            double expected = refCounts[i] * scale;
            double diff = curCounts[i] - expected;
            terms[i] = diff * diff / expected;
        }
        double statistic = NumpyMath.sum(terms);
        int df = refCounts.length - 1;
        if (df == 0) {
            return new Result(statistic, 1.0);
        }
        double p = Double.isInfinite(statistic) ? 0.0 : ChiSquaredDistribution.of(df).survivalProbability(statistic);
        return new Result(statistic, p);
    }

    /**
     * Two-sample χ² homogeneity test on the 2×k table of reference and current counts, as
     * {@code scipy.stats.chi2_contingency(table, correction=False)}: expected = row total × column
     * total / grand total, χ² summed over all 2k cells (reference row first, NumPy's summation
     * order), k − 1 degrees of freedom. A category in one sample only is an ordinary column
     * (finite χ²); a single category gives χ² = 0 and p = 1 as SciPy does.
     */
    public static Result chiSquareTwoSample(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        int k = refCounts.length;
        if (k == 1) {
            return new Result(0.0, 1.0);
        }
        long total = refTotal + curTotal;
        double[] terms = new double[2 * k];
        for (int i = 0; i < k; i++) {
            long column = refCounts[i] + curCounts[i];
            terms[i] = pearsonTerm(refCounts[i], (double) (refTotal * column) / total);
            terms[k + i] = pearsonTerm(curCounts[i], (double) (curTotal * column) / total);
        }
        double statistic = NumpyMath.sum(terms);
        return new Result(statistic, ChiSquaredDistribution.of(k - 1).survivalProbability(statistic));
    }

    private static double pearsonTerm(long observed, double expected) {
        double diff = observed - expected;
        return diff * diff / expected;
    }

    /**
     * Pooled two-proportion z-test of the share of values differing from the first (smallest)
     * category; p = 2·(1 − Φ(|z|)), and p = 1 when both samples hold one and the same value.
     */
    public static Result zTest(long[] refCounts, long refTotal, long[] curCounts, long curTotal) {
        if (refCounts.length == 1) {
            return new Result(0.0, 1.0);
        }
        double p1 = (double) (refTotal - refCounts[0]) / refTotal;
        double p2 = (double) (curTotal - curCounts[0]) / curTotal;
        double pooled = (p1 * refTotal + p2 * curTotal) / (refTotal + curTotal);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / refTotal + 1.0 / curTotal));
        double p = 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
        return new Result(z, p);
    }
}
