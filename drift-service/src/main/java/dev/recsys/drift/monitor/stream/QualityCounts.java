package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.quality.check.WindowScan;
import dev.recsys.drift.quality.correlation.NumericPart;
import dev.recsys.drift.quality.profile.FeatureProfile;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * What the data-quality scan gathers from some rows of one bucket for one profile: rows, newest
 * event time, per profile feature the present and wrong-type counts and label counts, unknown
 * names, and the numerical features' values as a {@link NumericPart}. Counts of buckets add up to
 * those of a scan over all their rows, and parts merge into the window's numeric columns, so a
 * bucket that gets no new row is counted once, not at every evaluation. Read from the cells the
 * drift columns use.
 */
final class QualityCounts {

    private final QualityProfile profile;
    private int rows;
    private long newestTs = Long.MIN_VALUE;
    private final int[] present;
    private final int[] wrongType;
    private final Map<String, int[]>[] labels;
    private final Map<String, int[]> unknown = new HashMap<>();
    private NumericPart numbers;

    @SuppressWarnings("unchecked")
    private QualityCounts(QualityProfile profile, int features) {
        this.profile = profile;
        present = new int[features];
        wrongType = new int[features];
        labels = new Map[features];
    }

    QualityProfile profile() {
        return profile;
    }

    /** Rows counted. */
    int rows() {
        return rows;
    }

    /** Counts the quality rows below {@code limit} that {@code in} accepts. */
    static QualityCounts of(Features features, WindowBucket bucket, int limit, IntPredicate in) {
        QualityCounts counts = new QualityCounts(features.profile, features.kinds.length);
        double[][] values = new double[features.profile.numericalFeatures().size()][limit];
        for (double[] column : values) {
            Arrays.fill(column, Double.NaN);
        }
        for (int row = 0; row < limit; row++) {
            if (bucket.quality(row) && in.test(row)) {
                counts.count(features, bucket, row, values);
            }
        }
        counts.numbers = NumericPart.of(values, counts.rows);
        return counts;
    }

    /** As a scan of the event does (DataQualityChecker): the value a row holds is what its cells give back. */
    private void count(Features features, WindowBucket bucket, int row, double[][] values) {
        int counted = rows++;
        newestTs = Math.max(newestTs, bucket.time(row));
        for (int w = 0; w < features.profileIndex.length; w++) {
            FeatureCells cells = bucket.cellsOf(w);
            byte tag = cells == null ? FeatureCells.ABSENT : cells.tag(row);
            if (tag == FeatureCells.ABSENT) {
                continue;
            }
            int f = features.profileIndex[w];
            if (f < 0) {
                unknown.computeIfAbsent(features.names.get(w), k -> new int[1])[0]++;
            } else if (tag != FeatureCells.NULL) {
                record(features, f, tag, cells, row, values, counted);
            }
        }
    }

    private void record(Features features, int f, byte tag, FeatureCells cells, int row, double[][] values,
                        int counted) {
        boolean scalar = tag == FeatureCells.NUMBER || tag == FeatureCells.LABEL || tag == FeatureCells.TRUE
                || tag == FeatureCells.FALSE;
        switch (features.kinds[f]) {
            case Features.NUMERICAL -> {
                if (tag != FeatureCells.NUMBER) {
                    wrongType[f]++;
                } else if (Double.isFinite(cells.number(row))) {
                    // NaN/±inf count as missing (docs/statistics.md §1)
                    present[f]++;
                    values[features.numericIndex[f]][counted] = cells.number(row);
                }
            }
            case Features.CATEGORICAL -> {
                String label = switch (tag) {
                    case FeatureCells.LABEL -> features.labels.label(cells.code(row));
                    case FeatureCells.TRUE -> "true";
                    case FeatureCells.FALSE -> "false";
                    default -> null;
                };
                if (label == null) {
                    wrongType[f]++;
                } else {
                    if (labels[f] == null) {
                        labels[f] = new HashMap<>();
                    }
                    labels[f].computeIfAbsent(label, k -> new int[1])[0]++;
                    present[f]++;
                }
            }
            default -> {
                if (scalar) {
                    present[f]++;
                } else {
                    wrongType[f]++;
                }
            }
        }
    }

    /** Bytes held by the numerical part (the counts are small), for the window's memory budget. */
    long bytes() {
        return numbers.bytes();
    }

    /** Adds these rows and counts to a window's scan. */
    void addTo(WindowScan scan) {
        scan.addRows(numbers);
        scan.newest(newestTs);
        for (int f = 0; f < present.length; f++) {
            scan.present(f, present[f]);
            scan.wrongType(f, wrongType[f]);
            if (labels[f] != null) {
                int g = f;
                labels[f].forEach((label, count) -> scan.label(g, label, count[0]));
            }
        }
        unknown.forEach((name, count) -> scan.unknown(name, count[0]));
    }

    /**
     * A profile's features as seen from a window: per window feature its profile index (−1: unknown),
     * per profile feature its kind and its index among the numerical features (−1: not numerical).
     */
    static final class Features {
        static final byte OTHER = 0;
        static final byte NUMERICAL = 1;
        static final byte CATEGORICAL = 2;

        final QualityProfile profile;
        final int[] profileIndex;
        final byte[] kinds;
        final int[] numericIndex;
        final List<String> names;
        final LabelDictionary labels;

        Features(QualityProfile profile, List<String> windowFeatures, LabelDictionary labels) {
            this.profile = profile;
            this.names = windowFeatures;
            this.labels = labels;
            profileIndex = new int[windowFeatures.size()];
            for (int w = 0; w < profileIndex.length; w++) {
                Integer f = profile.indexOf(windowFeatures.get(w));
                profileIndex[w] = f == null ? -1 : f;
            }
            List<FeatureProfile> features = List.copyOf(profile.features().values());
            kinds = new byte[features.size()];
            numericIndex = new int[features.size()];
            for (int f = 0; f < kinds.length; f++) {
                kinds[f] = features.get(f).numerical() ? NUMERICAL : features.get(f).categorical() ? CATEGORICAL : OTHER;
                numericIndex[f] = profile.numericalFeatures().indexOf(features.get(f).name());
            }
        }
    }
}
