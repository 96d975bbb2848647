package dev.recsys.drift.quality.check;

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
 * present and wrong-type counts, label counts, the row-aligned numbers, and unknown names. Either
 * scanned from {@link QualityWindow#events()} or, for a window held as columns, filled by the
 * {@link QualityWindow.Scanner} with the same counts.
 */
public final class WindowScan {

    static final int SAMPLE_IDS = 5;

    int rows;
    int duplicates;
    long newestTs = Long.MIN_VALUE;
    final List<String> duplicateIds = new ArrayList<>();
    final int[] present;
    final int[] wrongType;
    /** Row-aligned values of numerical features (NaN = no value); null for other features. */
    final double[][] numbers;
    /** Label counts of categorical features; null for other features. */
    final Map<String, int[]>[] labels;
    final Map<String, int[]> unknownFeatures = new HashMap<>();

    /** An empty scan for {@code capacity} rows at most. */
    @SuppressWarnings("unchecked")
    public WindowScan(QualityProfile profile, int capacity) {
        List<FeatureProfile> features = List.copyOf(profile.features().values());
        int count = features.size();
        present = new int[count];
        wrongType = new int[count];
        numbers = new double[count][];
        labels = new Map[count];
        for (int f = 0; f < count; f++) {
            if (features.get(f).numerical()) {
                numbers[f] = new double[capacity];
                Arrays.fill(numbers[f], Double.NaN);
            } else if (features.get(f).categorical()) {
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
        WindowScan scan = new WindowScan(profile, capacity);
        String[] names = features.stream().map(FeatureProfile::name).toArray(String[]::new);
        HashSet<String> seen = new HashSet<>(Math.max(16, capacity * 2));
        for (QualityEvent event : window.events()) {
            if (!seen.add(event.eventId())) {
                scan.duplicate(event.eventId());
                continue;
            }
            int row = scan.rows++;
            scan.newest(event.ts());
            Map<String, Object> values = event.features();
            int known = 0;
            for (int f = 0; f < names.length; f++) {
                Object value = values.get(names[f]);
                if (value != null) {
                    scan.record(features.get(f), f, row, value);
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
        return scan;
    }

    private void record(FeatureProfile feature, int f, int row, Object value) {
        if (feature.numerical()) {
            if (value instanceof Number number) {
                double v = number.doubleValue();
                // NaN/±inf count as missing (docs/statistics.md §1)
                if (Double.isFinite(v)) {
                    numbers[f][row] = v;
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

    /** Adds {@code count} rows whose values are recorded by the caller (numbers through {@link #number}). */
    public int addRows(int count) {
        int first = rows;
        rows += count;
        return first;
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

    /** Whether profile feature {@code f} keeps row-aligned numbers. */
    public boolean keepsNumbers(int f) {
        return numbers[f] != null;
    }

    /** Sets the number of row {@code row} of numerical profile feature {@code f}. */
    public void number(int f, int row, double value) {
        numbers[f][row] = value;
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
