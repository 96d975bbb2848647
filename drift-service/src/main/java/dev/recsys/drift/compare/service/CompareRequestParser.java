package dev.recsys.drift.compare.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.Correction;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftMethod;
import dev.recsys.drift.engine.FeatureInput;
import dev.recsys.drift.engine.FeatureSpec;
import dev.recsys.drift.engine.FeatureType;
import dev.recsys.drift.engine.ThresholdCalibration;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams a compare request body into primitive arrays with Jackson's token parser (no tree,
 * no boxing: a million numbers parse in about a tenth of a second) and validates its shape,
 * naming the offending field in every error. Values and features are counted as they stream in,
 * so a request over a limit is refused (413) before its values fill the heap.
 */
public final class CompareRequestParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The threshold word that asks for a calibrated threshold (docs/statistics.md §6). */
    private static final String AUTO = "auto";

    /** A feature's settings as written; {@code auto} and {@code alpha} are resolved against the request's defaults. */
    private record RawSpec(DriftMethod method, Double threshold, boolean auto, Double alpha, FeatureType type) {
    }

    private final long maxValues;
    private final int maxFeatures;
    private final int maxCategories;

    /**
     * @param maxValues     array elements per request, reference and current together
     * @param maxFeatures   features per sample and settings entries in {@code features}
     * @param maxCategories distinct strings and booleans per array
     */
    public CompareRequestParser(long maxValues, int maxFeatures, int maxCategories) {
        this.maxValues = maxValues;
        this.maxFeatures = maxFeatures;
        this.maxCategories = maxCategories;
    }

    /** Array elements read so far in one request. */
    private static final class ValueCount {
        private long values;
    }

    /**
     * Parses and validates a request body.
     *
     * @throws ProblemException for malformed JSON or an invalid request (400)
     */
    public CompareRequest parse(InputStream body) {
        Map<String, RawColumn> reference = null;
        Map<String, RawColumn> current = null;
        Map<String, RawSpec> specs = Map.of();
        double driftShare = DriftEngine.DEFAULT_DRIFT_SHARE;
        Correction correction = null;
        boolean auto = false;
        Double alpha = null;
        ValueCount count = new ValueCount();
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "body", "must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "reference" -> reference = samples(p, "reference", count);
                    case "current" -> current = samples(p, "current", count);
                    case "features" -> specs = value == JsonToken.VALUE_NULL ? Map.of() : specs(p);
                    case "driftShare" -> driftShare = value == JsonToken.VALUE_NULL
                            ? DriftEngine.DEFAULT_DRIFT_SHARE : driftShare(p);
                    case "correction" -> correction = value == JsonToken.VALUE_NULL ? null : correction(p);
                    case "threshold" -> auto = value != JsonToken.VALUE_NULL && auto(p, "threshold");
                    case "alpha" -> alpha = value == JsonToken.VALUE_NULL ? null : alpha(p, "alpha");
                    default -> throw ProblemException.invalid(name, name + ": unknown field '" + name
                            + "'; expected reference, current, features, driftShare, correction, threshold, alpha");
                }
            }
            expect(p.nextToken() == null, "body", "unexpected content after the JSON object");
        } catch (ProblemException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ProblemException.invalid("body", "body: malformed JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw ProblemException.invalid("body", "body: could not be read: " + e.getMessage());
        }
        expect(reference != null, "reference", "is required");
        expect(current != null, "current", "is required");
        expect(!reference.isEmpty(), "reference", "must hold at least one feature");
        expect(alpha == null || auto, "alpha", "needs \"threshold\": \"auto\"");
        return new CompareRequest(inputs(reference, current, specs, auto, alpha), driftShare, correction);
    }

    private static Map<String, FeatureInput> inputs(Map<String, RawColumn> reference, Map<String, RawColumn> current,
                                                    Map<String, RawSpec> specs, boolean auto, Double alpha) {
        for (String feature : current.keySet()) {
            expect(reference.containsKey(feature), "current." + feature,
                    "feature '" + feature + "' is in current but not in reference");
        }
        for (String feature : specs.keySet()) {
            expect(reference.containsKey(feature), "features." + feature,
                    "feature '" + feature + "' is not in reference");
        }
        Map<String, FeatureInput> inputs = new LinkedHashMap<>();
        reference.forEach((feature, raw) -> {
            RawColumn cur = current.get(feature);
            expect(cur != null, "reference." + feature, "feature '" + feature + "' is in reference but not in current");
            FeatureSpec spec = spec(feature, specs.get(feature), auto, alpha);
            Column ref = raw.toColumn("reference." + feature, feature, spec.type());
            inputs.put(feature, new FeatureInput(ref, cur.toColumn("current." + feature, feature, spec.type()), spec));
        });
        return inputs;
    }

    /**
     * A number threshold is fixed; otherwise the feature's own {@code "auto"} or the request's sets a
     * calibrated threshold at the feature's alpha, else the request's, else the default.
     */
    private static FeatureSpec spec(String feature, RawSpec raw, boolean requestAuto, Double requestAlpha) {
        if (raw == null) {
            return requestAuto ? FeatureSpec.auto(null, alphaOrDefault(requestAlpha), null) : FeatureSpec.DEFAULT;
        }
        boolean auto = raw.threshold() == null && (raw.auto() || requestAuto);
        expect(raw.alpha() == null || auto, "features." + feature + ".alpha", "needs \"threshold\": \"auto\"");
        if (!auto) {
            return new FeatureSpec(raw.method(), raw.threshold(), raw.type());
        }
        return FeatureSpec.auto(raw.method(), alphaOrDefault(raw.alpha() != null ? raw.alpha() : requestAlpha),
                raw.type());
    }

    private static double alphaOrDefault(Double alpha) {
        return alpha != null ? alpha : ThresholdCalibration.DEFAULT_ALPHA;
    }

    private Map<String, RawColumn> samples(JsonParser p, String field, ValueCount count) throws IOException {
        expect(p.currentToken() == JsonToken.START_OBJECT, field, "must be an object of feature name to array of values");
        Map<String, RawColumn> columns = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String feature = p.currentName();
            String path = field + "." + feature;
            withinFeatureLimit(columns.size(), path);
            expect(!feature.isBlank(), path, "feature names must not be blank");
            expect(p.nextToken() == JsonToken.START_ARRAY, path, "must be an array of values");
            RawColumn column = new RawColumn();
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (++count.values > maxValues) {
                    throw ProblemException.tooLarge(path, path + ": the request holds more than " + maxValues
                            + " values, the limit of reference and current together (drift.compare.max-values)");
                }
                switch (t) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> column.addNumber(p.getDoubleValue());
                    case VALUE_STRING -> label(column, p.getText(), path);
                    case VALUE_TRUE -> label(column, "true", path);
                    case VALUE_FALSE -> label(column, "false", path);
                    case VALUE_NULL -> {
                        // dropped by cleaning (docs/statistics.md §1)
                    }
                    default -> throw ProblemException.invalid(path + "[" + index + "]",
                            path + "[" + index + "] must be a number, string, boolean or null");
                }
                index++;
            }
            columns.put(feature, column);
        }
        return columns;
    }

    private Map<String, RawSpec> specs(JsonParser p) throws IOException {
        expect(p.currentToken() == JsonToken.START_OBJECT, "features", "must be an object of feature name to settings");
        Map<String, RawSpec> specs = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String feature = p.currentName();
            String path = "features." + feature;
            withinFeatureLimit(specs.size(), path);
            expect(p.nextToken() == JsonToken.START_OBJECT, path, "must be an object with method, threshold, alpha, type");
            DriftMethod method = null;
            Double threshold = null;
            boolean auto = false;
            Double alpha = null;
            FeatureType type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                String keyPath = path + "." + key;
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (key) {
                    case "method" -> {
                        expect(value == JsonToken.VALUE_STRING, keyPath, "must be a string");
                        method = DriftMethod.fromId(p.getText());
                        expect(method != null, keyPath, "unknown method '" + p.getText()
                                + "'; expected one of ks, psi, wasserstein, jensenshannon, chisquare, chisquare_2s, z, kl,"
                                + " hellinger");
                    }
                    case "threshold" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            auto = auto(p, keyPath);
                        } else {
                            expect(value.isNumeric(), keyPath, "must be a number or \"auto\"");
                            threshold = p.getDoubleValue();
                            expect(Double.isFinite(threshold) && threshold >= 0, keyPath,
                                    "must be a finite number ≥ 0, got " + threshold);
                        }
                    }
                    case "alpha" -> alpha = alpha(p, keyPath);
                    case "type" -> {
                        expect(value == JsonToken.VALUE_STRING, keyPath, "must be a string");
                        type = FeatureType.fromId(p.getText());
                        expect(type != null, keyPath, "unknown type '" + p.getText()
                                + "'; expected numerical or categorical");
                    }
                    default -> throw ProblemException.invalid(keyPath,
                            keyPath + ": unknown setting '" + key + "'; expected method, threshold, alpha, type");
                }
            }
            specs.put(feature, new RawSpec(method, threshold, auto, alpha, type));
        }
        return specs;
    }

    private void label(RawColumn column, String label, String path) {
        if (!column.addLabel(label, maxCategories)) {
            throw ProblemException.tooLarge(path, path + ": more than " + maxCategories
                    + " distinct strings or booleans (drift.compare.max-categories)");
        }
    }

    private void withinFeatureLimit(int featuresSoFar, String path) {
        if (featuresSoFar >= maxFeatures) {
            throw ProblemException.tooLarge(path, path + ": more than " + maxFeatures
                    + " features in one request (drift.compare.max-features)");
        }
    }

    /** {@code "auto"}, the only word a threshold may be (a feature's threshold may also be a number). */
    private static boolean auto(JsonParser p, String field) throws IOException {
        String expected = field.equals("threshold") ? "must be \"auto\"" : "must be a number or \"auto\"";
        expect(p.currentToken() == JsonToken.VALUE_STRING && AUTO.equals(p.getText()), field,
                expected + (p.currentToken() == JsonToken.VALUE_STRING ? ", got '" + p.getText() + "'" : ""));
        return true;
    }

    private static double alpha(JsonParser p, String field) throws IOException {
        expect(p.currentToken().isNumeric(), field, "must be a number");
        double alpha = p.getDoubleValue();
        expect(ThresholdCalibration.acceptsAlpha(alpha), field, "must be in (0, 1), got " + alpha);
        return alpha;
    }

    private static double driftShare(JsonParser p) throws IOException {
        expect(p.currentToken().isNumeric(), "driftShare", "must be a number");
        double share = p.getDoubleValue();
        expect(share > 0 && share <= 1, "driftShare", "must be in (0, 1], got " + share);
        return share;
    }

    private static Correction correction(JsonParser p) throws IOException {
        expect(p.currentToken() == JsonToken.VALUE_STRING, "correction", "must be a string");
        Correction correction = Correction.fromId(p.getText());
        expect(correction != null, "correction", "unknown correction '" + p.getText() + "'; expected bonferroni or fdr");
        return correction;
    }

    private static void expect(boolean condition, String field, String message) {
        if (!condition) {
            throw ProblemException.invalid(field, field + ": " + message);
        }
    }
}
