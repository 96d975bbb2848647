package dev.recsys.drift.quality.correlation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationMatricesTest {

    /** Average ranks by counting (O(n²)): the textbook definition, independent of the radix-sort path. */
    private static double[] naiveRanks(double[] values) {
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int below = 0;
            int equal = 0;
            for (double other : values) {
                if (other < values[i]) {
                    below++;
                } else if (other == values[i]) {
                    equal++;
                }
            }
            ranks[i] = below + (equal + 1) / 2.0;
        }
        return ranks;
    }

    private static double naivePearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** The rows where both columns are present, as two dense arrays. */
    private static double[][] complete(double[] x, double[] y) {
        return new double[][]{
                java.util.stream.IntStream.range(0, x.length).filter(i -> !Double.isNaN(x[i]) && !Double.isNaN(y[i]))
                        .mapToDouble(i -> x[i]).toArray(),
                java.util.stream.IntStream.range(0, x.length).filter(i -> !Double.isNaN(x[i]) && !Double.isNaN(y[i]))
                        .mapToDouble(i -> y[i]).toArray()};
    }

    @Test
    void matchesTheDefinitionsOnRandomColumnsWithTiesNegativesAndGaps() {
        Random random = new Random(3);
        for (int round = 0; round < 40; round++) {
            int n = 2 + random.nextInt(400);
            double[][] columns = new double[4][n];
            for (int i = 0; i < n; i++) {
                columns[0][i] = random.nextInt(7) - 3;                       // heavy ties, negatives, zero
                columns[1][i] = columns[0][i] * 0.5 + random.nextGaussian();
                columns[2][i] = random.nextDouble() < 0.3 ? Double.NaN : Math.round(random.nextGaussian() * 4) / 4.0;
                columns[3][i] = random.nextDouble() < 0.1 ? Double.NaN : -columns[1][i] + (i % 3 == 0 ? -0.0 : 0.0);
            }
            CorrelationMatrices matrices = CorrelationMatrices.compute(List.of("a", "b", "c", "d"), columns, n);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double[][] pair = complete(columns[i], columns[j]);
                    double pearson = naivePearson(pair[0], pair[1]);
                    double spearman = naivePearson(naiveRanks(pair[0]), naiveRanks(pair[1]));
                    assertSame(pearson, matrices.pearson()[i][j], "pearson " + i + "," + j + " n=" + n);
                    assertSame(spearman, matrices.spearman()[i][j], "spearman " + i + "," + j + " n=" + n);
                }
            }
        }
    }

    private static void assertSame(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected undefined, was " + actual);
        } else {
            assertEquals(expected, actual, 1e-12, what);
        }
    }

    @Test
    void spearmanOfTiedRanksMatchesScipy() {
        // scipy.stats.spearmanr([1, 2, 2, 3, 4], [2, 1, 4, 4, 5]).statistic
        double[][] columns = {{1, 2, 2, 3, 4}, {2, 1, 4, 4, 5}};
        CorrelationMatrices matrices = CorrelationMatrices.compute(List.of("x", "y"), columns, 5);
        assertEquals(0.7631578947368421, matrices.spearman()[0][1], 1e-12);
        // numpy.corrcoef of the same
        assertEquals(0.7472647177570731, matrices.pearson()[0][1], 1e-12);
    }

    @Test
    void constantAndEmptyColumnsAreSkippedWithTheirReason() {
        double[][] columns = {{1, 2, 3, 4}, {5, 5, 5, 5}, {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                {4, 3, 2, 1}};
        CorrelationMatrices matrices = CorrelationMatrices.compute(List.of("a", "flat", "empty", "d"), columns, 4);

        assertEquals(Map.of("flat", "constant", "empty", "no values"), matrices.skipped());
        assertEquals(-1.0, matrices.pearson()[0][3], 1e-15);
        assertEquals(-1.0, matrices.spearman()[3][0], 1e-15);
        assertTrue(Double.isNaN(matrices.pearson()[0][1]));
        assertTrue(Double.isNaN(matrices.spearman()[2][3]));
        assertTrue(Double.isNaN(matrices.pearson()[1][1]));
    }

    @Test
    void pairWithoutSpreadOnItsCommonRowsIsUndefinedWithoutSkippingEitherColumn() {
        // b varies, but only where a is present it is always 7
        double[][] columns = {{1, 2, 3, Double.NaN}, {7, 7, 7, 9}, {3, 1, 2, 4}};
        CorrelationMatrices matrices = CorrelationMatrices.compute(List.of("a", "b", "c"), columns, 4);

        assertTrue(matrices.skipped().isEmpty());
        assertTrue(Double.isNaN(matrices.pearson()[0][1]));
        assertTrue(Double.isNaN(matrices.spearman()[0][1]));
        assertEquals(1.0, matrices.spearman()[1][1]);
        assertEquals(-0.5, matrices.spearman()[0][2], 1e-12);
    }
}
