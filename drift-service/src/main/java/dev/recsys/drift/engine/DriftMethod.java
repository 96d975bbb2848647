package dev.recsys.drift.engine;

import java.util.Locale;

/** The drift methods of docs/statistics.md §2–3 with their default threshold and drift rule. */
public enum DriftMethod {
    KS(true, true),
    /** Two-sample χ² homogeneity test on the 2×k table (the monitor's categorical default). */
    CHISQUARE_2S(true, false),
    PSI(false, false),
    WASSERSTEIN(false, true),
    JENSENSHANNON(false, false),
    CHISQUARE(true, false),
    Z(true, false),
    KL(false, false),
    HELLINGER(false, false);

    private final boolean pValueTest;
    private final boolean numericOnly;

    DriftMethod(boolean pValueTest, boolean numericOnly) {
        this.pValueTest = pValueTest;
        this.numericOnly = numericOnly;
    }

    /** The lower-case name used in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the method is a test reporting a p-value (its threshold is a significance level). */
    public boolean hasPValue() {
        return pValueTest;
    }

    /** Whether the method needs numbers (ks, wasserstein). */
    public boolean numericOnly() {
        return numericOnly;
    }

    /** 0.05 for p-value tests, 0.1 for distances. */
    public double defaultThreshold() {
        return pValueTest ? 0.05 : 0.1;
    }

    /**
     * The drift rule: ks p ≤ threshold; chisquare, chisquare_2s and z p &lt; threshold; distances
     * statistic ≥ threshold.
     */
    public boolean isDrift(double statistic, Double pValue, double threshold) {
        return switch (this) {
            case KS -> pValue <= threshold;
            case CHISQUARE, CHISQUARE_2S, Z -> pValue < threshold;
            default -> statistic >= threshold;
        };
    }

    /** Whether {@code threshold} is acceptable: a significance level in (0, 1] or a distance ≥ 0. */
    public boolean acceptsThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            return false;
        }
        return pValueTest ? threshold > 0 && threshold <= 1 : threshold >= 0;
    }

    /**
     * Whether {@code threshold: auto} can calibrate the method (docs/statistics.md §6): every two-sample
     * test and distance, but not Evidently's goodness-of-fit {@code chisquare}, which treats the
     * reference shares as exact and so has no null law at the reference's size.
     */
    public boolean calibratable() {
        return this != CHISQUARE;
    }

    /** Parses a method name as used in JSON; {@code null} when unknown. */
    public static DriftMethod fromId(String id) {
        for (DriftMethod method : values()) {
            if (method.id().equals(id)) {
                return method;
            }
        }
        return null;
    }
}
