package dev.recsys.drift.quality.correlation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window's rows held as parts (its minutes) give the matrices and range counts of the same rows
 * taken at once: Spearman and the counts exactly, Pearson up to the rounding of the merged co-moments.
 */
class NumericPartsTest {

    private static final List<String> FEATURES = List.of("ties", "noisy", "gappy", "flatWhereTiesAre", "elsewhere",
            "constant", "empty");

    @Test
    void partsMergeIntoTheMatricesAndCountsOfAllRows() {
        Random random = new Random(16);
        for (int round = 0; round < 60; round++) {
            int n = 2 + random.nextInt(600);
            double[][] columns = columns(random, n);
            CorrelationMatrices direct = CorrelationMatrices.compute(FEATURES, columns, n);
            List<NumericPart> parts = split(random, columns, n);
            NumericColumns merged = NumericColumns.merge(parts, columns.length);
            CorrelationMatrices fromParts = CorrelationMatrices.compute(FEATURES, merged);

            String what = "round " + round + ", " + parts.size() + " parts of " + n + " rows";
            assertEquals(direct.skipped(), fromParts.skipped(), what);
            for (int i = 0; i < columns.length; i++) {
                for (int j = 0; j < columns.length; j++) {
                    String pair = what + ", " + FEATURES.get(i) + "/" + FEATURES.get(j);
                    assertClose(direct.pearson()[i][j], fromParts.pearson()[i][j], "pearson " + pair);
                    // ranks come from counts, whatever the parts: the same bits
                    assertEquals(direct.spearman()[i][j], fromParts.spearman()[i][j], "spearman " + pair);
                }
                assertEquals(n, merged.rows());
                assertEquals(Arrays.stream(columns[i]).filter(v -> !Double.isNaN(v)).count(), merged.present(i));
                assertEquals(Arrays.stream(columns[i]).filter(v -> !Double.isNaN(v)).min().orElse(Double.POSITIVE_INFINITY),
                        merged.min(i), what);
                assertEquals(Arrays.stream(columns[i]).filter(v -> !Double.isNaN(v)).max().orElse(Double.NEGATIVE_INFINITY),
                        merged.max(i), what);
                long outside = Arrays.stream(columns[i]).filter(v -> v < -1 || v > 1.5).count();
                assertEquals(outside, merged.countOutside(i, v -> v < -1, v -> v > 1.5), what);
                // bounds the wrong way round: a value both below and above is counted once
                long either = Arrays.stream(columns[i]).filter(v -> v < 1 || v > -0.5).count();
                assertEquals(either, merged.countOutside(i, v -> v < 1, v -> v > -0.5), what);
            }
        }
    }

    @Test
    void aPairWithoutSpreadOnItsCommonRowsStaysUndefinedAcrossParts() {
        // flatWhereTiesAre is 7 wherever ties has a value; its spread lies in other rows, other parts
        double[][] columns = columns(new Random(5), 300);
        NumericColumns merged = NumericColumns.merge(split(new Random(6), columns, 300), columns.length);
        CorrelationMatrices matrices = CorrelationMatrices.compute(FEATURES, merged);

        assertTrue(Double.isNaN(matrices.pearson()[0][3]));
        assertTrue(Double.isNaN(matrices.spearman()[0][3]));
        assertTrue(Double.isNaN(matrices.spearman()[0][4]), "no common rows");
        assertEquals(1.0, matrices.spearman()[3][3]);
        assertTrue(Math.abs(matrices.spearman()[3][4]) <= 1.0);
    }

    /**
     * Columns with heavy ties, negatives and −0.0, a correlated one with a large mean, NaN gaps, one that is flat where {@code ties} is
     * present and varies elsewhere, one present only where {@code ties} is absent, a constant and an empty one.
     */
    private static double[][] columns(Random random, int n) {
        double[][] columns = new double[FEATURES.size()][n];
        for (int k = 0; k < n; k++) {
            boolean tiesPresent = random.nextDouble() < 0.8;
            int tie = random.nextInt(7) - 3;
            columns[0][k] = !tiesPresent ? Double.NaN : tie == 0 && k % 5 == 0 ? -0.0 : tie;
            // far from 0, so the parts' means differ from the window's in more than the last bits
            columns[1][k] = 1e3 + (tiesPresent ? tie : 0) * 0.5 + random.nextGaussian();
            columns[2][k] = random.nextDouble() < 0.3 ? Double.NaN : Math.round(random.nextGaussian() * 4) / 4.0;
            columns[3][k] = tiesPresent ? 7 : random.nextGaussian();
            columns[4][k] = tiesPresent ? Double.NaN : random.nextInt(3);
            columns[5][k] = 2.5;
            columns[6][k] = Double.NaN;
        }
        return columns;
    }

    /** The rows cut at random points into parts, some of them empty. */
    private static List<NumericPart> split(Random random, double[][] columns, int n) {
        List<NumericPart> parts = new ArrayList<>();
        int from = 0;
        while (from < n) {
            int to = Math.min(n, from + random.nextInt(n / 4 + 2));
            double[][] rows = new double[columns.length][];
            for (int f = 0; f < columns.length; f++) {
                rows[f] = Arrays.copyOfRange(columns[f], from, to);
            }
            parts.add(NumericPart.of(rows, to - from));
            from = to;
        }
        return parts;
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected undefined, was " + actual);
        } else {
            // relative to the coefficient's scale, 1: near 0 it is a small difference of large co-moments
            assertEquals(expected, actual, 1e-12, what);
        }
    }
}
