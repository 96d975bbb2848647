package dev.recsys.drift.engine;

/**
 * The threshold applied in one verdict and how it was set (docs/statistics.md §6).
 *
 * @param alpha  the false-alarm probability per evaluation a calibrated threshold was derived for;
 *               {@code null} for a fixed threshold
 * @param source {@link #FIXED} (given or Evidently's default), {@link #P_VALUE} (α on the p-value of a
 *               two-sample test), {@link #CHI2_ASYMPTOTIC} (a binned divergence's asymptotic χ² law) or
 *               {@link #BOOTSTRAP_TAIL} (Wasserstein: two-sample bootstrap from the reference, fitted tail)
 */
public record Threshold(double value, Double alpha, String source) {

    public static final String FIXED = "fixed";
    public static final String P_VALUE = "auto:p-value";
    public static final String CHI2_ASYMPTOTIC = "auto:chi2-asymptotic";
    public static final String BOOTSTRAP_TAIL = "auto:bootstrap-tail";

    static Threshold fixed(double value) {
        return new Threshold(value, null, FIXED);
    }
}
