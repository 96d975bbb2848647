package dev.recsys.drift.quality.correlation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pearson and Spearman correlation matrices of numeric columns whose rows are aligned (row i of
 * every column comes from the same event). Missing values are NaN and are handled pairwise: each
 * pair uses the rows where both are present, and Spearman ranks those rows afresh (average ranks
 * for ties), as {@code pandas.DataFrame.corr} does. A coefficient is undefined (NaN) when a column
 * has no spread over the pair's rows; columns that are constant or empty as a whole are listed in
 * {@code skipped} with the reason.
 *
 * @param features column names, the row/column order of both matrices
 * @param pearson  symmetric, 1 on the diagonal of columns with spread, NaN where undefined
 * @param spearman same shape as {@code pearson}
 * @param skipped  feature → why every coefficient of it is undefined ({@code "constant"}, {@code "no values"})
 */
public record CorrelationMatrices(List<String> features, double[][] pearson, double[][] spearman,
                                  Map<String, String> skipped) {

    public static final String CONSTANT = "constant";
    public static final String NO_VALUES = "no values";

    /** Computes both matrices over the first {@code length} rows of {@code columns}: the rows as one part. */
    public static CorrelationMatrices compute(List<String> features, double[][] columns, int length) {
        return compute(features, NumericColumns.merge(List.of(NumericPart.of(columns, length)), columns.length));
    }

    /**
     * Computes both matrices over the rows of merged parts. Pearson merges the parts' co-moments in
     * part order; Spearman ranks exactly: average ranks come from the merged distinct values and their
     * counts over the pair's common rows, then one pass over the rows sums the cross deviations.
     */
    public static CorrelationMatrices compute(List<String> features, NumericColumns columns) {
        int p = features.size();
        int n = columns.rows;
        Map<String, String> skipped = new LinkedHashMap<>();
        boolean[] usable = new boolean[p];
        boolean[] complete = new boolean[p];
        int[][] codes = new int[p][];
        double[][] centered = new double[p][];
        double[] squares = new double[p];
        for (int i = 0; i < p; i++) {
            String reason = columns.present[i] == 0 ? NO_VALUES : columns.distinct[i].length == 1 ? CONSTANT : null;
            if (reason != null) {
                skipped.put(features.get(i), reason);
                continue;
            }
            usable[i] = true;
            complete[i] = columns.present[i] == n;
            codes[i] = rowCodes(columns, i);
            if (complete[i]) {
                // ranks over all rows serve every pair with a complete partner: its common rows are all rows
                double[] ranks = averageRanks(columns.counts[i], columns.below[i]);
                double mean = meanRank(n);
                squares[i] = squaredDeviations(columns.counts[i], ranks, mean);
                centered[i] = new double[n];
                for (int r = 0; r < n; r++) {
                    centered[i][r] = ranks[codes[i][r]] - mean;
                }
            }
        }
        double[][] pearson = nanMatrix(p);
        double[][] spearman = nanMatrix(p);
        for (int i = 0; i < p; i++) {
            if (!usable[i]) {
                continue;
            }
            pearson[i][i] = 1.0;
            spearman[i][i] = 1.0;
            for (int j = i + 1; j < p; j++) {
                if (!usable[j]) {
                    continue;
                }
                double r = pearson(columns, NumericPart.pair(i, j, p));
                pearson[i][j] = r;
                pearson[j][i] = r;
                double rho = complete[i] && complete[j]
                        ? NumericPart.Moments.coefficient(n, squares[i], squares[j], dot(centered[i], centered[j]))
                        : spearman(columns, codes[i], codes[j], i, j);
                spearman[i][j] = rho;
                spearman[j][i] = rho;
            }
        }
        return new CorrelationMatrices(List.copyOf(features), pearson, spearman, Collections.unmodifiableMap(skipped));
    }

    /** Pearson's r of a pair from the co-moments of the parts, merged in part order. */
    private static double pearson(NumericColumns columns, int pair) {
        NumericPart.Moments moments = NumericPart.Moments.NONE;
        for (NumericPart part : columns.parts) {
            moments = moments.merge(part.moments[pair]);
        }
        return moments.r();
    }

    /** Spearman's rho of a pair with absent values: both columns are ranked over the rows where both are present. */
    private static double spearman(NumericColumns columns, int[] codesX, int[] codesY, int x, int y) {
        int[] countsX = new int[columns.distinct[x].length];
        int[] countsY = new int[columns.distinct[y].length];
        int n = 0;
        for (int r = 0; r < codesX.length; r++) {
            int cx = codesX[r];
            int cy = codesY[r];
            if (cx >= 0 && cy >= 0) {
                countsX[cx]++;
                countsY[cy]++;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = meanRank(n);
        double[] ranksX = averageRanks(countsX, NumericColumns.cumulative(countsX));
        double[] ranksY = averageRanks(countsY, NumericColumns.cumulative(countsY));
        double sxy = 0;
        for (int r = 0; r < codesX.length; r++) {
            int cx = codesX[r];
            int cy = codesY[r];
            if (cx >= 0 && cy >= 0) {
                sxy += (ranksX[cx] - mean) * (ranksY[cy] - mean);
            }
        }
        return NumericPart.Moments.coefficient(n, squaredDeviations(countsX, ranksX, mean),
                squaredDeviations(countsY, ranksY, mean), sxy);
    }

    /** Each row's merged code of column {@code f}, in row order (−1: absent). */
    private static int[] rowCodes(NumericColumns columns, int f) {
        int[] codes = new int[columns.rows];
        int row = 0;
        for (int b = 0; b < columns.parts.size(); b++) {
            int[] local = columns.parts.get(b).codes[f];
            int[] map = columns.maps[f][b];
            for (int code : local) {
                codes[row++] = code < 0 ? -1 : map[code];
            }
        }
        return codes;
    }

    /**
     * Average rank (1-based, ties share the mean of their positions, as {@code scipy.stats.rankdata})
     * of each distinct value occurring {@code counts} times, {@code below} values before it.
     */
    private static double[] averageRanks(int[] counts, int[] below) {
        double[] ranks = new double[counts.length];
        for (int g = 0; g < counts.length; g++) {
            ranks[g] = below[g] + (counts[g] + 1) / 2.0;
        }
        return ranks;
    }

    /** The mean of the average ranks of n values: (n + 1) / 2 whatever the ties, exactly in doubles. */
    private static double meanRank(int n) {
        return (n + 1) / 2.0;
    }

    private static double squaredDeviations(int[] counts, double[] ranks, double mean) {
        double sum = 0;
        for (int g = 0; g < counts.length; g++) {
            double d = ranks[g] - mean;
            sum += counts[g] * d * d;
        }
        return sum;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            sum += x[r] * y[r];
        }
        return sum;
    }

    private static double[][] nanMatrix(int p) {
        double[][] m = new double[p][p];
        for (double[] row : m) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return m;
    }
}
