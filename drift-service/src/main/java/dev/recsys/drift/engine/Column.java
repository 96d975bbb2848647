package dev.recsys.drift.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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

    /**
     * Numeric values; the array is owned by the column and must not be modified. A window held as
     * sorted runs (one per minute) gives them as those runs and merges them only when asked: what
     * only needs counts against a sorted reference (the KS statistic) is read from the runs.
     */
    final class Numbers implements Column {
        private final int size;
        private final List<double[]> sortedRuns;
        private double[] values;

        public Numbers(double[] values) {
            this.values = Objects.requireNonNull(values, "values");
            this.size = values.length;
            this.sortedRuns = null;
        }

        private Numbers(List<double[]> sortedRuns) {
            this.sortedRuns = List.copyOf(sortedRuns);
            this.size = sortedRuns.stream().mapToInt(run -> run.length).sum();
        }

        /** Finite numbers given as sorted runs ({@link Sorting#sort} order); their values are the runs merged. */
        public static Numbers ofSortedRuns(List<double[]> sortedRuns) {
            return new Numbers(sortedRuns);
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

        /** The numbers (for sorted runs: merged, in sorted order). */
        public synchronized double[] values() {
            if (values == null) {
                values = Sorting.mergeSorted(sortedRuns);
            }
            return values;
        }

        /** The sorted runs these numbers were given as; {@code null} when given by their values. */
        public List<double[]> sortedRuns() {
            return sortedRuns;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public FeatureType naturalType() {
            return FeatureType.NUMERICAL;
        }
    }

    /**
     * Categorical labels (strings; booleans as {@code "true"}/{@code "false"}). A window held as
     * counted columns gives its labels as counts per label and makes the values only when asked.
     */
    final class Labels implements Column {
        private final int size;
        private final Map<String, Long> counts;
        private final Supplier<String[]> make;
        private String[] values;

        public Labels(String[] values) {
            this.values = Objects.requireNonNull(values, "values");
            this.size = values.length;
            this.counts = null;
            this.make = null;
        }

        private Labels(Map<String, Long> counts, Supplier<String[]> values) {
            this.counts = Map.copyOf(counts);
            this.size = (int) counts.values().stream().mapToLong(Long::longValue).sum();
            this.make = values;
        }

        /** Copies {@code raw} without nulls. */
        public static Labels cleaned(String[] raw) {
            return new Labels(Arrays.stream(raw).filter(Objects::nonNull).toArray(String[]::new));
        }

        /** Labels known by their counts; {@code values} makes them (each label as often as counted) when asked. */
        public static Labels counted(Map<String, Long> counts, Supplier<String[]> values) {
            return new Labels(counts, values);
        }

        /** The labels in sample order; must not be modified. */
        public synchronized String[] values() {
            if (values == null) {
                values = make.get();
            }
            return values;
        }

        /** Per label how often it occurs; {@code null} when the column was given by its values. */
        public Map<String, Long> counts() {
            return counts;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public FeatureType naturalType() {
            return FeatureType.CATEGORICAL;
        }
    }
}
