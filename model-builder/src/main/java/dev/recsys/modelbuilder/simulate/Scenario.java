package dev.recsys.modelbuilder.simulate;

import java.util.Locale;

/**
 * Named traffic scenarios of {@code model-builder simulate} (docs/model-builder.md):
 * <ul>
 * <li>{@code steady}: the population the model learnt from, as {@code reference.json} describes it;</li>
 * <li>{@code drift}: from {@code --drift-at} on, any of three changes ({@link DriftChange});</li>
 * <li>{@code degrade}: from {@code --drift-at} on, a damaged copy of the served model serves; removed at the end.</li>
 * </ul>
 */
public enum Scenario {
    STEADY, DRIFT, DEGRADE;

    public static Scenario parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario must be steady, drift or degrade, got '" + name + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The changes of the {@code drift} scenario, each switchable on its own. */
    public enum DriftChange {
        /** A new population: the activity law's exponent changes (default -1: light users dominate). */
        POPULATION,
        /** A shift of taste: a share of the recommendation requests asks for some genres ({@code genre=}). */
        GENRES,
        /** More new, unknown users (cold start). */
        COLD;

        public static DriftChange parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--drift-changes takes population, genres, cold; got '" + name + "'");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
