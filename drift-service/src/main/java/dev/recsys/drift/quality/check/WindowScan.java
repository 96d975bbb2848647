package dev.recsys.drift.quality.check;

import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.quality.correlation.NumericColumns;
import dev.recsys.drift.quality.correlation.NumericPart;
import dev.recsys.drift.quality.event.QualityEvent;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.profile.FeatureProfile;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What one pass over a window's events gathers for the checks, indexed like the profile's
 * features: rows counted once (a repeated event id is a duplicate, not a row), per feature the
 * present and wrong-type counts, label counts, unknown names, and the numbers of the numerical
 * features as {@link NumericPart}s, one per minute of event time, in row order. Either scanned from
 * {@link QualityWindow#events()} or, for a window held as columns, filled by the
 * {@link QualityWindow.Scanner} with the same counts and the parts of its minute buckets.
 */
public final class WindowScan {

    static final int SAMPLE_IDS = 5;

    int rows;
    int duplicates;
    long newestTs = Long.MIN_VALUE;
    final List<String> duplicateIds = new ArrayList<>();
    final int[] present;
    final int[] wrongType;
    /** The numerical features' values ({@link QualityProfile#numericalFeatures()} order) of the rows, in row order. */
    private final List<NumericPart> parts = new ArrayList<>();
    private final int numericalFeatures;
    /** Label counts of categorical features; null for other features. */
    final Map<String, int[]>[] labels;
    final Map<String, int[]> unknownFeatures = new HashMap<>();

    /** An empty scan. */
    @SuppressWarnings("unchecked")
    public WindowScan(QualityProfile profile) {
        List<FeatureProfile> features = List.copyOf(profile.features().values());
        int count = features.size();
        present = new int[count];
        wrongType = new int[count];
        labels = new Map[count];
        numericalFeatures = profile.numericalFeatures().size();
        for (int f = 0; f < count; f++) {
            if (features.get(f).categorical()) {
                labels[f] = new HashMap<>();
            }
        }
    }

    static WindowScan of(QualityProfile profile, QualityWindow window) {
        if (window.scanner() != null) {
            return window.scanner().scan(profile);
        }
        List<FeatureProfile> features = List.copyOf(profile.features().values());
        int capacity = window.events().size();
        WindowScan scan = new WindowScan(profile);
        String[] names = features.stream().map(FeatureProfile::name).toArray(String[]::new);
        int[] numericIndex = new int[names.length];
        for (int f = 0; f < names.length; f++) {
            numericIndex[f] = profile.numericalFeatures().indexOf(names[f]);
        }
        // the rows of one minute at a time, as a live window holds them: both give the same parts
        double[][] minute = new double[scan.numericalFeatures][capacity];
        for (double[] column : minute) {
            Arrays.fill(column, Double.NaN);
        }
        int rowsInMinute = 0;
        long minuteStart = Long.MIN_VALUE;
        HashSet<String> seen = new HashSet<>(Math.max(16, capacity * 2));
        for (QualityEvent event : window.events()) {
            if (!seen.add(event.eventId())) {
                scan.duplicate(event.eventId());
                continue;
            }
            if (rowsInMinute > 0 && SketchStore.bucketOf(event.ts()) != minuteStart) {
                scan.addMinute(minute, rowsInMinute);
                rowsInMinute = 0;
            }
            minuteStart = SketchStore.bucketOf(event.ts());
            int row = rowsInMinute++;
            scan.rows++;
            scan.newest(event.ts());
            Map<String, Object> values = event.features();
            int known = 0;
            for (int f = 0; f < names.length; f++) {
                Object value = values.get(names[f]);
                if (value != null) {
                    scan.record(features.get(f), f, value, minute, numericIndex[f], row);
                    known++;
                } else if (values.containsKey(names[f])) {
                    known++;
                }
            }
            // names outside the reference are rare: only then look at every name of the event
            if (values.size() > known) {
                for (String name : values.keySet()) {
                    if (profile.indexOf(name) == null) {
                        scan.unknown(name, 1);
                    }
                }
            }
        }
        if (rowsInMinute > 0) {
            scan.addMinute(minute, rowsInMinute);
        }
        return scan;
    }

    /** Adds the part of a minute's rows, then clears them for the next minute. */
    private void addMinute(double[][] minute, int rows) {
        parts.add(NumericPart.of(minute, rows));
        for (double[] column : minute) {
            Arrays.fill(column, 0, rows, Double.NaN);
        }
    }

    private void record(FeatureProfile feature, int f, Object value, double[][] minute, int column, int row) {
        if (feature.numerical()) {
            if (value instanceof Number number) {
                double v = number.doubleValue();
                // NaN/±inf count as missing (docs/statistics.md §1)
                if (Double.isFinite(v)) {
                    minute[column][row] = v;
                    present[f]++;
                }
            } else {
                wrongType[f]++;
            }
        } else if (feature.categorical()) {
            String label = value instanceof String s ? s : value instanceof Boolean b ? b.toString() : null;
            if (label != null) {
                label(f, label, 1);
                present[f]++;
            } else {
                wrongType[f]++;
            }
        } else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
            present[f]++;
        } else {
            wrongType[f]++;
        }
    }

    /** Adds the rows of {@code part}, whose other values are recorded by the caller. */
    public void addRows(NumericPart part) {
        rows += part.rows();
        parts.add(part);
    }

    /** The numerical features' values of all rows, merged from the parts. */
    NumericColumns numbers() {
        return NumericColumns.merge(parts, numericalFeatures);
    }

    /** A repeated event id: not a row, counted as a duplicate (the first few ids are kept as examples). */
    public void duplicate(String eventId) {
        duplicates++;
        if (duplicateIds.size() < SAMPLE_IDS && !duplicateIds.contains(eventId)) {
            duplicateIds.add(eventId);
        }
    }

    public void newest(long ts) {
        newestTs = Math.max(newestTs, ts);
    }

    public void present(int f, int count) {
        present[f] += count;
    }

    public void wrongType(int f, int count) {
        wrongType[f] += count;
    }

    public void label(int f, String label, int count) {
        labels[f].computeIfAbsent(label, k -> new int[1])[0] += count;
    }

    public void unknown(String name, int count) {
        unknownFeatures.computeIfAbsent(name, k -> new int[1])[0] += count;
    }
}
