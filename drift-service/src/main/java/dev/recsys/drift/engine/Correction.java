package dev.recsys.drift.engine;

import java.util.Locale;

/** Multiple-testing correction over the features whose method yields a p-value (docs/statistics.md §2). */
public enum Correction {
    /** Drift when p &lt; threshold / m, m = number of p-value tests. */
    BONFERRONI,
    /** Benjamini–Hochberg step-up procedure at each feature's threshold. */
    FDR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code "bonferroni"} / {@code "fdr"}; {@code null} when unknown. */
    public static Correction fromId(String id) {
        for (Correction correction : values()) {
            if (correction.id().equals(id)) {
                return correction;
            }
        }
        return null;
    }
}
