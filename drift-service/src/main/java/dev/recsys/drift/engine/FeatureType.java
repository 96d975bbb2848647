package dev.recsys.drift.engine;

import java.util.Locale;

/** How a feature's values are interpreted (docs/statistics.md §1). */
public enum FeatureType {
    NUMERICAL,
    CATEGORICAL;

    /** The lower-case name used in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code "numerical"} / {@code "categorical"}; {@code null} when unknown. */
    public static FeatureType fromId(String id) {
        for (FeatureType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        return null;
    }
}
