package dev.recsys.drift.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * One feature's values in one sample, already cleaned (docs/statistics.md §1): numbers without
 * NaN/±inf, or labels without nulls. Numbers may still be evaluated as a categorical feature
 * (their distinct values are the categories); labels can only be categorical.
 */
public sealed interface Column permits Column.Numbers, Column.Labels {

    /** Number of values after cleaning. */
    int size();

    /** The type a feature has when nothing forces it: numbers are numerical, labels categorical. */
    FeatureType naturalType();

    /** Numeric values; the array is owned by the column and must not be modified. */
    record Numbers(double[] values) implements Column {
        public Numbers {
            Objects.requireNonNull(values, "values");
        }

        /** Copies {@code raw} without NaN, +inf, -inf. */
        public static Numbers cleaned(double[] raw) {
            return cleaned(raw, raw.length);
        }

        /** Cleans the first {@code length} values of {@code raw}; reuses the array when nothing is dropped. */
        public static Numbers cleaned(double[] raw, int length) {
            int finite = 0;
            for (int i = 0; i < length; i++) {
                if (Double.isFinite(raw[i])) {
                    finite++;
                }
            }
            if (finite == length && length == raw.length) {
                return new Numbers(raw);
            }
            double[] out = new double[finite];
            int kept = 0;
            for (int i = 0; i < length; i++) {
                if (Double.isFinite(raw[i])) {
                    out[kept++] = raw[i];
                }
            }
            return new Numbers(out);
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public FeatureType naturalType() {
            return FeatureType.NUMERICAL;
        }
    }

    /** Categorical labels (strings; booleans as {@code "true"}/{@code "false"}). */
    record Labels(String[] values) implements Column {
        public Labels {
            Objects.requireNonNull(values, "values");
        }

        /** Copies {@code raw} without nulls. */
        public static Labels cleaned(String[] raw) {
            return new Labels(Arrays.stream(raw).filter(Objects::nonNull).toArray(String[]::new));
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public FeatureType naturalType() {
            return FeatureType.CATEGORICAL;
        }
    }
}
