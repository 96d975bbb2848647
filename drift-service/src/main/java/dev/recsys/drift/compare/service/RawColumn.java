package dev.recsys.drift.compare.service;

import dev.recsys.common.rest.ProblemException;
import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.FeatureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON array as parsed: numbers into a growing primitive array, strings and booleans as
 * labels, nulls dropped. A label seen before is stored as the same instance, so a million copies
 * of a few categories cost a million references, not a million strings. Typed into a
 * {@link Column} once the feature's forced type is known (the spec may follow the data in the
 * request).
 */
final class RawColumn {

    private double[] numbers = new double[64];
    private int numberCount;
    private final List<String> labels = new ArrayList<>();
    private final Map<String, String> distinct = new HashMap<>();

    void addNumber(double value) {
        if (numberCount == numbers.length) {
            numbers = Arrays.copyOf(numbers, numbers.length * 2);
        }
        numbers[numberCount++] = value;
    }

    /** Adds a label; {@code false} (and nothing added) when it would be distinct label number {@code maxDistinct + 1}. */
    boolean addLabel(String label, int maxDistinct) {
        String known = distinct.get(label);
        if (known == null) {
            if (distinct.size() >= maxDistinct) {
                return false;
            }
            distinct.put(label, label);
            known = label;
        }
        labels.add(known);
        return true;
    }

    /**
     * The cleaned column: numbers, labels, or, only when the type is forced categorical, a mix
     * of both as labels.
     *
     * @param field the request field of this array, e.g. {@code reference.age}
     */
    Column toColumn(String field, String feature, FeatureType forced) {
        if (labels.isEmpty()) {
            return Column.Numbers.cleaned(numbers, numberCount);
        }
        if (numberCount == 0) {
            return Column.Labels.cleaned(labels.toArray(String[]::new));
        }
        if (forced != FeatureType.CATEGORICAL) {
            throw ProblemException.invalid(field, field + ": mixes numbers with strings or booleans; set features."
                    + feature + ".type to \"categorical\" to compare them as categories");
        }
        Column.Numbers cleaned = Column.Numbers.cleaned(numbers, numberCount);
        String[] all = new String[cleaned.size() + labels.size()];
        int i = 0;
        for (double v : cleaned.values()) {
            all[i++] = DriftEngine.numberLabel(v);
        }
        for (String label : labels) {
            all[i++] = label;
        }
        return new Column.Labels(all);
    }
}
