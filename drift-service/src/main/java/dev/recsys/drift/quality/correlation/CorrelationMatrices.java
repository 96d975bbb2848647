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

    /** Computes both matrices over the first {@code length} rows of {@code columns}. */
    public static CorrelationMatrices compute(List<String> features, double[][] columns, int length) {
        int p = columns.length;
        Map<String, String> skipped = new LinkedHashMap<>();
        boolean[] usable = new boolean[p];
        boolean[] complete = new boolean[p];
        SortedOrder[] orders = new SortedOrder[p];
        double[][] ownRanks = new double[p][];
        for (int i = 0; i < p; i++) {
            orders[i] = SortedOrder.of(columns[i], length);
            complete[i] = orders[i].size() == length;
            String reason = orders[i].size() == 0 ? NO_VALUES : hasSpread(columns[i], length) ? null : CONSTANT;
            if (reason != null) {
                skipped.put(features.get(i), reason);
            } else {
                usable[i] = true;
                ownRanks[i] = orders[i].averageRanks(null, length);
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
                double r = pearson(columns[i], columns[j], length);
                pearson[i][j] = r;
                pearson[j][i] = r;
                // ranks are taken over the pair's common rows; a complete partner leaves them unchanged
                double[] ranksI = complete[j] ? ownRanks[i] : orders[i].averageRanks(columns[j], length);
                double[] ranksJ = complete[i] ? ownRanks[j] : orders[j].averageRanks(columns[i], length);
                double rho = pearson(ranksI, ranksJ, length);
                spearman[i][j] = rho;
                spearman[j][i] = rho;
            }
        }
        return new CorrelationMatrices(List.copyOf(features), pearson, spearman, Collections.unmodifiableMap(skipped));
    }

    /** Pearson's r over rows where both are present (two-pass, as NumPy); NaN without spread. */
    static double pearson(double[] x, double[] y, int length) {
        int n = 0;
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
        if (n < 2) {
            return Double.NaN;
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
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    private static boolean hasSpread(double[] column, int length) {
        double first = Double.NaN;
        for (int k = 0; k < length; k++) {
            double v = column[k];
            if (Double.isNaN(v)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = v;
            } else if (v != first) {
                return true;
            }
        }
        return false;
    }

    private static double[][] nanMatrix(int p) {
        double[][] m = new double[p][p];
        for (double[] row : m) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return m;
    }
}
