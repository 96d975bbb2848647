package dev.recsys.drift.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How much a feature changed, reported beside every verdict (docs/statistics.md §6).
 *
 * @param measure  {@code ks_d} (the KS statistic D), {@code max_share_change} (chisquare, chisquare_2s:
 *                 current − reference share of the category whose share changed most),
 *                 {@code share_difference} (z: current − reference share of the first category), or the
 *                 distance's method id (the distance itself)
 * @param category the category of a share change, absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectSize(String measure, double value, String category) {

    public static final String KS_D = "ks_d";
    public static final String MAX_SHARE_CHANGE = "max_share_change";
    public static final String SHARE_DIFFERENCE = "share_difference";

    /** The category whose share changed most (largest |current − reference| share; the first on ties). */
    static EffectSize maxShareChange(CategoryCounts counts) {
        int best = 0;
        double bestChange = 0;
        for (int i = 0; i < counts.categories(); i++) {
            double change = shareChange(counts, i);
            if (Math.abs(change) > Math.abs(bestChange)) {
                best = i;
                bestChange = change;
            }
        }
        return new EffectSize(MAX_SHARE_CHANGE, bestChange, counts.label(best));
    }

    /** The share change of the first (smallest) category: the proportion difference of the z-test, with the sign of z. */
    static EffectSize firstShareDifference(CategoryCounts counts) {
        return new EffectSize(SHARE_DIFFERENCE, shareChange(counts, 0), counts.label(0));
    }

    private static double shareChange(CategoryCounts counts, int i) {
        return (double) counts.current()[i] / counts.currentTotal()
                - (double) counts.reference()[i] / counts.referenceTotal();
    }
}
