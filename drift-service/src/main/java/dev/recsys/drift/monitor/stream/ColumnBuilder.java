package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one feature's values (numbers and labels as they come) and turns them into an engine
 * {@link Column}: numbers when every value was a number, labels otherwise (numbers then become
 * their text, as a mixed JSON feature is categorical).
 */
public final class ColumnBuilder {

    private double[] numbers = new double[64];
    private int numberCount;
    private final List<String> labels = new ArrayList<>();

    /** Adds a {@link Double}, a {@link String} or a {@link Boolean} (as its text); anything else is ignored (cleaning drops it anyway). */
    public void add(Object value) {
        if (value instanceof Double number) {
            if (numberCount == numbers.length) {
                numbers = Arrays.copyOf(numbers, numberCount * 2);
            }
            numbers[numberCount++] = number;
        } else if (value instanceof String label) {
            labels.add(label);
        } else if (value instanceof Boolean flag) {
            labels.add(flag.toString());
        }
    }

    public Column build() {
        if (labels.isEmpty()) {
            return Column.Numbers.cleaned(numbers, numberCount);
        }
        List<String> all = new ArrayList<>(labels.size() + numberCount);
        for (int i = 0; i < numberCount; i++) {
            all.add(DriftEngine.numberLabel(numbers[i]));
        }
        all.addAll(labels);
        return new Column.Labels(all.toArray(String[]::new));
    }
}
