package dev.recsys.drift.quality.profile;

import dev.recsys.drift.engine.FeatureType;

import java.util.Set;

/**
 * What the reference says about one feature: its type, how often it is missing, and its values
 * (sorted numbers, or the category set). Immutable.
 */
public final class FeatureProfile {

    private final String name;
    private final FeatureType type;
    private final int size;
    private final int missing;
    private final double[] sorted;
    private final Set<String> categories;
    private final int distinct;

    FeatureProfile(String name, FeatureType type, int size, int missing, double[] sorted, Set<String> categories,
                   int distinct) {
        this.name = name;
        this.type = type;
        this.size = size;
        this.missing = missing;
        this.sorted = sorted;
        this.categories = categories;
        this.distinct = distinct;
    }

    public String name() {
        return name;
    }

    /** Numerical or categorical; {@code null} when the reference holds no value at all. */
    public FeatureType type() {
        return type;
    }

    public boolean numerical() {
        return type == FeatureType.NUMERICAL;
    }

    public boolean categorical() {
        return type == FeatureType.CATEGORICAL;
    }

    /** Reference entries, nulls included. */
    public int size() {
        return size;
    }

    /** Share of null (or NaN/±inf) entries; 1 for a feature without any value. */
    public double missingShare() {
        return size == 0 ? 1.0 : (double) missing / size;
    }

    /** Smallest reference number; NaN unless numerical. */
    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    /** Largest reference number; NaN unless numerical. */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** {@code numpy.quantile(values, level)} (default linear method); NaN unless numerical. */
    public double quantile(double level) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = (sorted.length - 1) * level;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** Reference labels (booleans as "true"/"false"); empty unless categorical. */
    public Set<String> categories() {
        return categories;
    }

    /** Distinct present values. */
    public int distinct() {
        return distinct;
    }
}
