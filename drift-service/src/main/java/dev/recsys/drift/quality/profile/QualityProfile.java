package dev.recsys.drift.quality.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.drift.engine.FeatureType;
import dev.recsys.drift.quality.correlation.CorrelationMatrices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the data-quality checks need from a model's reference sample, computed once per
 * reference: per feature its type, missing share, sorted numbers or category set; and the
 * reference correlation matrices of the numerical features. Immutable; share it between windows.
 */
public final class QualityProfile {

    private final Map<String, FeatureProfile> features;
    private final Map<String, Integer> index;
    private final List<String> numericalFeatures;
    private final CorrelationMatrices correlations;

    private QualityProfile(Map<String, FeatureProfile> features, List<String> numericalFeatures,
                           CorrelationMatrices correlations) {
        this.features = Collections.unmodifiableMap(features);
        this.numericalFeatures = List.copyOf(numericalFeatures);
        this.correlations = correlations;
        Map<String, Integer> positions = new HashMap<>();
        int i = 0;
        for (String name : features.keySet()) {
            positions.put(name, i++);
        }
        this.index = Map.copyOf(positions);
    }

    /**
     * Profiles reference columns (name → values: numbers, strings, booleans or null). Row i of every
     * column is one reference sample, as in reference.json; when the numerical columns differ in
     * length they are not row-aligned and no reference correlation is computed.
     */
    public static QualityProfile build(Map<String, ? extends List<?>> columns) {
        Map<String, FeatureProfile> features = new LinkedHashMap<>();
        Map<String, double[]> numbers = new TreeMap<>();
        for (Map.Entry<String, ? extends List<?>> column : new TreeMap<String, List<?>>(columns).entrySet()) {
            String name = column.getKey();
            List<?> values = column.getValue() == null ? List.of() : column.getValue();
            FeatureType type = typeOf(values);
            if (type == FeatureType.NUMERICAL) {
                double[] raw = toDoubles(values);
                numbers.put(name, raw);
                features.put(name, numerical(name, raw));
            } else {
                features.put(name, categorical(name, type, values));
            }
        }
        return new QualityProfile(features, List.copyOf(numbers.keySet()), correlations(numbers));
    }

    /**
     * Profiles a reference document, {@code {"features": {"name": [values…]}}} (reference.json or the
     * body of {@code PUT …/reference}).
     *
     * @throws IllegalArgumentException when {@code features} is not an object of arrays
     */
    public static QualityProfile fromDocument(JsonNode document) {
        JsonNode features = document == null ? null : document.get("features");
        if (features == null || !features.isObject()) {
            throw new IllegalArgumentException("features must be an object of feature name to values");
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : features.properties()) {
            if (!field.getValue().isArray()) {
                throw new IllegalArgumentException("features." + field.getKey() + " must be an array");
            }
            List<Object> values = new ArrayList<>(field.getValue().size());
            for (JsonNode value : field.getValue()) {
                values.add(value.isNumber() ? value.doubleValue() : value.isTextual() ? value.textValue()
                        : value.isBoolean() ? (Object) value.booleanValue() : null);
            }
            columns.put(field.getKey(), values);
        }
        return build(columns);
    }

    /** Reference features by name, in name order. */
    public Map<String, FeatureProfile> features() {
        return features;
    }

    /** Position of a feature in {@link #features()} order; {@code null} for names the reference does not know. */
    public Integer indexOf(String feature) {
        return index.get(feature);
    }

    /** Numerical features in name order: the rows and columns of the correlation matrices. */
    public List<String> numericalFeatures() {
        return numericalFeatures;
    }

    /** Reference correlations; empty when the reference columns are not row-aligned. */
    public Optional<CorrelationMatrices> correlations() {
        return Optional.ofNullable(correlations);
    }

    private static FeatureType typeOf(List<?> values) {
        boolean anyNumber = false;
        for (Object value : values) {
            if (value instanceof String || value instanceof Boolean) {
                return FeatureType.CATEGORICAL;
            }
            if (value instanceof Number) {
                anyNumber = true;
            }
        }
        return anyNumber ? FeatureType.NUMERICAL : null;
    }

    /** NaN for null and for NaN/±inf (docs/statistics.md §1 cleaning). */
    private static double[] toDoubles(List<?> values) {
        double[] raw = new double[values.size()];
        int i = 0;
        for (Object value : values) {
            double d = value instanceof Number number ? number.doubleValue() : Double.NaN;
            raw[i++] = Double.isFinite(d) ? d : Double.NaN;
        }
        return raw;
    }

    private static FeatureProfile numerical(String name, double[] raw) {
        double[] sorted = Arrays.stream(raw).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return new FeatureProfile(name, FeatureType.NUMERICAL, raw.length, raw.length - sorted.length, sorted,
                Set.of(), distinct);
    }

    private static FeatureProfile categorical(String name, FeatureType type, List<?> values) {
        Set<String> categories = new HashSet<>();
        int missing = 0;
        for (Object value : values) {
            if (value == null || value instanceof Number number && !Double.isFinite(number.doubleValue())) {
                missing++;
            } else {
                categories.add(String.valueOf(value));
            }
        }
        return new FeatureProfile(name, type, values.size(), missing, new double[0], Set.copyOf(categories),
                categories.size());
    }

    private static CorrelationMatrices correlations(Map<String, double[]> numbers) {
        int length = numbers.isEmpty() ? 0 : numbers.values().iterator().next().length;
        for (double[] column : numbers.values()) {
            if (column.length != length) {
                return null;
            }
        }
        return CorrelationMatrices.compute(List.copyOf(numbers.keySet()), numbers.values().toArray(double[][]::new),
                length);
    }
}
