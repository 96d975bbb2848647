package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every case of the SciPy/NumPy fixture (src/test/python/make_fixtures.py) through the
 * engine: statistics within 1e-9 relative, p-values within 1e-6 absolute + 1e-3 relative, and
 * the default method of docs/statistics.md §2.
 */
class DriftFixtureAgreementTest {

    private static final String FIXTURE = "/fixtures/drift-cases.json.gz";
    private static final double STATISTIC_RELATIVE = 1e-9;
    private static final double P_ABSOLUTE = 1e-6;
    private static final double P_RELATIVE = 1e-3;

    private final DriftEngine engine = new DriftEngine();

    @TestFactory
    Stream<DynamicTest> everyMethodAgreesWithScipy() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : loadCases()) {
            FeatureType type = FeatureType.fromId(c.get("type").asText());
            FeatureType forced = c.get("forced").asBoolean() ? type : null;
            Column reference = column(c.get("reference"));
            Column current = column(c.get("current"));
            PreparedReference prepared = PreparedReference.of(reference);
            String id = c.get("id").asText();
            tests.add(DynamicTest.dynamicTest(id + " default method", () -> {
                FeatureResult result = engine.evaluate(id, prepared, current, new FeatureSpec(null, null, forced));
                assertEquals(c.get("defaultMethod").asText(), result.method());
                assertEquals(type, result.type());
            }));
            for (Map.Entry<String, JsonNode> expected : c.get("expected").properties()) {
                DriftMethod method = DriftMethod.fromId(expected.getKey());
                tests.add(DynamicTest.dynamicTest(id + " " + method.id(), () -> {
                    FeatureResult result = engine.evaluate(id, prepared, current, new FeatureSpec(method, null, forced));
                    assertStatistic(expected.getValue().get("statistic").asDouble(), result.statistic());
                    JsonNode p = expected.getValue().get("pValue");
                    if (p != null) {
                        assertPValue(p.asDouble(), result.pValue());
                    }
                    JsonNode raw = expected.getValue().get("raw");
                    if (raw != null) {
                        assertStatistic(raw.asDouble(), (Double) result.details().get("wasserstein"));
                    }
                }));
            }
        }
        assertTrue(tests.size() > 1000, "fixture holds " + tests.size() + " checks");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> kolmogorovSurvivalAgreesWithScipyKstwo() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : load().get("kstwo")) {
            double d = row.get(0).asDouble();
            int n = row.get(1).asInt();
            double expected = row.get(2).asDouble();
            tests.add(DynamicTest.dynamicTest("kstwo.sf(" + d + ", " + n + ")",
                    () -> assertPValue(expected, KolmogorovSmirnov.kolmogorovSf(d, n))));
        }
        assertTrue(tests.size() > 500, "fixture holds " + tests.size() + " kstwo rows");
        return tests.stream();
    }

    static void assertStatistic(double expected, Double actual) {
        assertNotNull(actual);
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual);
            return;
        }
        double tolerance = STATISTIC_RELATIVE * Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= tolerance,
                "statistic " + actual + " differs from SciPy's " + expected);
    }

    static void assertPValue(double expected, Double actual) {
        assertNotNull(actual);
        double tolerance = P_ABSOLUTE + P_RELATIVE * Math.abs(expected);
        assertTrue(Math.abs(expected - actual) <= tolerance, "p-value " + actual + " differs from SciPy's " + expected);
    }

    private static Column column(JsonNode values) {
        if (values.isEmpty() || values.get(0).isNumber()) {
            double[] numbers = new double[values.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = values.get(i).asDouble();
            }
            return new Column.Numbers(numbers);
        }
        String[] labels = new String[values.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = values.get(i).asText();
        }
        return new Column.Labels(labels);
    }

    private static JsonNode loadCases() throws IOException {
        return load().get("cases");
    }

    private static JsonNode load() throws IOException {
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        try (InputStream in = DriftFixtureAgreementTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, FIXTURE + " missing: run `make fixtures`");
            return mapper.readTree(new GZIPInputStream(in));
        }
    }
}
