package dev.recsys.drift.engine;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Pearson's chi-square and the pooled two-proportion z-test on category counts (STATISTICS.md §3). */
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
