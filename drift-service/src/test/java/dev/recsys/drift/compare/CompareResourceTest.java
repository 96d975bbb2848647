package dev.recsys.drift.compare;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CompareResourceTest {

    private static final String PATH = "/api/v1/drift/compare";

    @BeforeAll
    static void readNumbersAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void comparesNumericalAndCategoricalFeaturesWithDefaults() {
        String body = """
                {"reference": {"age": %s, "genre": ["Drama","Comedy","Drama","Horror","Drama","Comedy"]},
                 "current":   {"age": %s, "genre": ["Drama","Drama","Drama","Drama","Comedy","Drama"]}}
                """.formatted(normals(200, 0.0, 1), normals(150, 1.0, 2));
        post(body).statusCode(200)
                .body("features.age.method", equalTo("ks"))
                .body("features.age.type", equalTo("numerical"))
                .body("features.age.threshold", equalTo(0.05))
                .body("features.age.driftDetected", is(true))
                .body("features.age.pValue", closeTo(0.0, 1e-6))
                .body("features.genre.method", equalTo("chisquare"))
                .body("features.genre.type", equalTo("categorical"))
                .body("features.genre.driftDetected", is(false))
                .body("dataset.features", equalTo(2))
                .body("dataset.driftedFeatures", equalTo(1))
                .body("dataset.share", equalTo(0.5))
                .body("dataset.driftDetected", is(true));
    }

    @Test
    void matchesScipyOnAHandComputedKsCase() {
        // scipy.stats.ks_2samp([1,2,3,4,5], [3,4,5,6,7,8]) -> statistic 0.5, pvalue 0.35714285714285715
        post("""
                {"reference": {"x": [1,2,3,4,5]}, "current": {"x": [3,4,5,6,7,8]},
                 "features": {"x": {"method": "ks"}}}
                """).statusCode(200)
                .body("features.x.statistic", equalTo(0.5))
                .body("features.x.pValue", closeTo(0.35714285714285715, 1e-12))
                .body("features.x.driftDetected", is(false));
    }

    @Test
    void distancesHaveNoPValueAndUseTheirThreshold() {
        post("""
                {"reference": {"x": [1.0, 2.0, 3.0, 4.0]}, "current": {"x": [2.0, 3.0, 4.0, 5.0]},
                 "features": {"x": {"method": "wasserstein", "threshold": 0.5}}}
                """).statusCode(200)
                // W1 = 1, population std of the reference = sqrt(1.25)
                .body("features.x.statistic", closeTo(1 / Math.sqrt(1.25), 1e-12))
                .body("features.x", not(hasKey("pValue")))
                .body("features.x.threshold", equalTo(0.5))
                .body("features.x.driftDetected", is(true))
                .body("features.x.details.wasserstein", equalTo(1.0));
    }

    @Test
    void featureEmptyAfterCleaningGetsAnErrorWhileOthersAreComputed() {
        post("""
                {"reference": {"x": [null, NaN, null], "y": ["a", "b", null]},
                 "current":   {"x": [1.0, 2.0],        "y": ["a", "a"]}}
                """).statusCode(200)
                .body("features.x.error", containsString("empty after dropping null, NaN and infinite"))
                .body("features.x.driftDetected", is(false))
                .body("features.x", not(hasKey("statistic")))
                .body("features.y.method", equalTo("z"))
                .body("features.y.error", nullValue())
                .body("dataset.features", equalTo(1));
    }

    @Test
    void correctionAppliesAcrossPValueTests() {
        // SciPy: ks p = 0.02769 for a, 0.04322 for b; both below 0.05 uncorrected
        String body = """
                {"reference": {"a": [1,2,3,4,5,6,7,8,9,10], "b": [1,2,3,4,5,6,7,8,9,10]},
                 "current": {"a": [6,7,8,9,10,11,12,13,14,15,16,17], "b": [6,7,8,9,10,11,12,13,14,15,16]},
                 "features": {"a": {"method": "ks"}, "b": {"method": "ks"}}%s}
                """;
        post(body.formatted("")).statusCode(200)
                .body("features.a.pValue", closeTo(0.027690575678191776, 1e-9))
                .body("features.b.pValue", closeTo(0.043224577280304835, 1e-9))
                .body("dataset.driftedFeatures", equalTo(2));
        post(body.formatted(", \"correction\": \"bonferroni\"")).statusCode(200)
                .body("features.a.driftDetected", is(false))
                .body("features.a.details.adjustedThreshold", equalTo(0.025))
                .body("dataset.driftedFeatures", equalTo(0))
                .body("dataset.driftDetected", is(false));
        post(body.formatted(", \"correction\": \"fdr\"")).statusCode(200)
                .body("features.a.driftDetected", is(true))
                .body("features.b.driftDetected", is(true))
                .body("dataset.driftedFeatures", equalTo(2));
    }

    @Test
    void categoryAbsentFromTheReferenceMakesChiSquareInfinite() {
        post("""
                {"reference": {"g": ["a", "b", "a"]}, "current": {"g": ["a", "c", "c"]},
                 "features": {"g": {"method": "chisquare"}}}
                """).statusCode(200)
                .body("features.g.statistic", equalTo("Infinity"))
                .body("features.g.pValue", equalTo(0.0))
                .body("features.g.driftDetected", is(true));
    }

    @Test
    void evidentlyDefaultsStayAndEveryVerdictCarriesItsEffectSize() {
        post("""
                {"reference": {"x": [1,2,3,4,5], "g": ["a","a","b","b"]}, "current": {"x": [3,4,5,6,7,8], "g": ["a","b","b","b"]},
                 "features": {"x": {"method": "ks"}}}
                """).statusCode(200)
                .body("features.x.threshold", equalTo(0.05))
                .body("features.x.thresholdSource", equalTo("fixed"))
                .body("features.x", not(hasKey("alpha")))
                .body("features.x.effectSize.measure", equalTo("ks_d"))
                .body("features.x.effectSize.value", equalTo(0.5))
                .body("features.x.effectSize", not(hasKey("category")))
                .body("features.g.method", equalTo("z"))
                .body("features.g.effectSize.measure", equalTo("share_difference"))
                .body("features.g.effectSize.value", equalTo(-0.25))
                .body("features.g.effectSize.category", equalTo("a"));
    }

    @Test
    void chiSquareTwoSampleAgreesWithScipyContingency() {
        // scipy.stats.chi2_contingency([[2,1,0],[1,1,3]], correction=False): statistic 3.022222222222222,
        // pvalue 0.22066465874200497; "c" is only in current and stays an ordinary column
        post("""
                {"reference": {"g": ["a","a","b"]}, "current": {"g": ["a","b","c","c","c"]},
                 "features": {"g": {"method": "chisquare_2s"}}}
                """).statusCode(200)
                .body("features.g.method", equalTo("chisquare_2s"))
                .body("features.g.statistic", closeTo(3.022222222222222, 1e-12))
                .body("features.g.pValue", closeTo(0.22066465874200497, 1e-12))
                .body("features.g.effectSize.measure", equalTo("max_share_change"))
                .body("features.g.effectSize.category", equalTo("c"))
                .body("features.g.effectSize.value", closeTo(0.6, 1e-12));
    }

    @Test
    void autoThresholdsOnRequest() {
        String body = """
                {"reference": {"age": %s, "genre": ["Drama","Comedy","Drama","Horror","Drama","Comedy"]},
                 "current":   {"age": %s, "genre": ["Drama","Drama","Drama","Drama","Comedy","Drama"]},
                 "features": {"genre": {"method": "psi"}},
                 "threshold": "auto", "alpha": 0.001}
                """;
        post(body.formatted(normals(300, 0.0, 1), normals(400, 1.0, 2))).statusCode(200)
                .body("features.age.method", equalTo("ks"))
                .body("features.age.threshold", equalTo(0.001))
                .body("features.age.alpha", equalTo(0.001))
                .body("features.age.thresholdSource", equalTo("auto:p-value"))
                .body("features.age.driftDetected", is(true))
                .body("features.genre.method", equalTo("psi"))
                .body("features.genre.thresholdSource", equalTo("auto:chi2-asymptotic"))
                .body("features.genre.alpha", equalTo(0.001));
        post("""
                {"reference": {"g": ["a","b","a"]}, "current": {"g": ["a","b","b"]},
                 "features": {"g": {"threshold": "auto", "alpha": 0.01}}}
                """).statusCode(200)
                .body("features.g.method", equalTo("chisquare_2s"))
                .body("features.g.threshold", equalTo(0.01))
                .body("features.g.alpha", equalTo(0.01));
    }

    @Test
    void rejectsBadThresholdAndAlpha() {
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "features": {"x": {"threshold": "automatic"}}}
                """), 400, "features.x.threshold");
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "threshold": "fixed"}
                """), 400, "threshold");
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "threshold": "auto", "alpha": 1.5}
                """), 400, "alpha");
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "alpha": 0.01}
                """), 400, "alpha");
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "features": {"x": {"threshold": 0.05, "alpha": 0.01}}}
                """), 400, "features.x.alpha");
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "features": {"x": {"threshold": "auto", "alpha": 0}}}
                """), 400, "features.x.alpha");
        problem(post("""
                {"reference": {"g": ["a"]}, "current": {"g": ["b"]}, "features": {"g": {"method": "chisquare", "threshold": "auto"}}}
                """), 400, "features.g.threshold");
    }

    @Test
    void rejectsUnknownMethod() {
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "features": {"x": {"method": "anderson"}}}
                """), 400, "features.x.method");
    }

    @Test
    void rejectsThresholdOutOfRange() {
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "features": {"x": {"method": "ks", "threshold": 1.5}}}
                """), 400, "features.x.threshold");
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2]}, "features": {"x": {"method": "psi", "threshold": -1}}}
                """), 400, "features.x.threshold");
    }

    @Test
    void rejectsFeatureMissingOnOneSide() {
        problem(post("""
                {"reference": {"x": [1,2]}, "current": {"x": [1,2], "y": [3]}}
                """), 400, "current.y");
        problem(post("""
                {"reference": {"x": [1,2], "y": [3]}, "current": {"x": [1,2]}}
                """), 400, "reference.y");
    }

    @Test
    void rejectsMixedTypesUnlessForcedCategorical() {
        problem(post("""
                {"reference": {"x": [1, "a", 2]}, "current": {"x": [1, 2]}}
                """), 400, "reference.x");
        problem(post("""
                {"reference": {"x": [1, 2, 3]}, "current": {"x": ["a", "b"]}}
                """), 400, "current.x");
        post("""
                {"reference": {"x": [1, "a", 2]}, "current": {"x": [1, "a", "a"]},
                 "features": {"x": {"type": "categorical"}}}
                """).statusCode(200)
                .body("features.x.type", equalTo("categorical"))
                .body("features.x.method", equalTo("chisquare"));
    }

    @Test
    void rejectsStringsForNumericOnlyMethods() {
        problem(post("""
                {"reference": {"g": ["a","b"]}, "current": {"g": ["a","a"]}, "features": {"g": {"method": "ks"}}}
                """), 400, "features.g.method");
        problem(post("""
                {"reference": {"g": ["a","b"]}, "current": {"g": ["a","a"]}, "features": {"g": {"method": "wasserstein"}}}
                """), 400, "features.g.method");
    }

    @Test
    void rejectsMalformedJsonAndBadShapes() {
        problem(post("{\"reference\": {\"x\": [1,2,"), 400, "body");
        problem(post("[1,2,3]"), 400, "body");
        problem(post("{\"reference\": {\"x\": 3}, \"current\": {\"x\": [1]}}"), 400, "reference.x");
        problem(post("{\"reference\": {\"x\": [[1]]}, \"current\": {\"x\": [1]}}"), 400, "reference.x[0]");
        problem(post("{\"current\": {\"x\": [1]}}"), 400, "reference");
        problem(post("{\"reference\": {\"x\": [1]}, \"current\": {\"x\": [1]}, \"driftShare\": 0}"), 400, "driftShare");
        problem(post("{\"reference\": {\"x\": [1]}, \"current\": {\"x\": [1]}, \"correction\": \"holm\"}"), 400,
                "correction");
        problem(post("{\"reference\": {\"x\": [1]}, \"current\": {\"x\": [1]}, \"extra\": 1}"), 400, "extra");
    }

    @Test
    void rejectsOtherMediaTypesAsProblem() {
        given().contentType(ContentType.TEXT).body("age=1").when().post(PATH).then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void neverAnswers500ToMangledBodies() {
        String valid = """
                {"reference": {"a": [1.5, 2, null, 3e2], "g": ["x", "y", true]},
                 "current": {"a": [2, 4.25, NaN], "g": ["y", false, "z"]},
                 "features": {"a": {"method": "psi", "threshold": 0.2}, "g": {"type": "categorical"}},
                 "driftShare": 0.5, "correction": "fdr"}
                """;
        Random random = new Random(11);
        String alphabet = "{}[]\",:0123456789.eE-+ntrufalsNaIiyxg";
        for (int i = 0; i < 120; i++) {
            StringBuilder mangled = new StringBuilder(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mangled.length());
                switch (random.nextInt(3)) {
                    case 0 -> mangled.deleteCharAt(at);
                    case 1 -> mangled.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> mangled.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            int status = given().contentType(ContentType.JSON).body(mangled.toString()).when().post(PATH)
                    .then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 400,
                    "status " + status + " for body " + mangled);
        }
    }

    @Test
    void hellingerOnValuesWhoseRangeOverflowsIsAFeatureErrorNotA500() {
        post("""
                {"reference":{"x":[-1e308,1,2]},"current":{"x":[1e308,3,4]},"features":{"x":{"method":"hellinger"}}}
                """).statusCode(200)
                .body("features.x.error", containsString("max − min overflows"))
                .body("features.x.driftDetected", is(false))
                .body("dataset.features", equalTo(0));
    }

    @Test
    void labelBombIsRefusedEarlyAndTheServiceKeepsServing() {
        // 12 million "a" labels, 48 MB: under the 50 MB body limit, it used to exhaust a 512 MB heap
        int labels = 12_000_000;
        byte[] body = new byte[labels * 4 + 64];
        int at = put(body, 0, "{\"reference\":{\"g\":[");
        for (int i = 0; i < labels; i++) {
            at = put(body, at, i == 0 ? "\"a\"" : ",\"a\"");
        }
        at = put(body, at, "]},\"current\":{\"g\":[\"a\"]}}");
        byte[] exact = java.util.Arrays.copyOf(body, at);
        problem(given().contentType(ContentType.JSON).body(exact).when().post(PATH).then(), 413, "reference.g");
        post("{\"reference\": {\"x\": [1,2,3]}, \"current\": {\"x\": [1,2,4]}}").statusCode(200);
        given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .get("/q/health/live").then().statusCode(200);
    }

    private static int put(byte[] target, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            target[at + i] = (byte) ascii.charAt(i);
        }
        return at + ascii.length();
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(PATH).then();
    }

    static void problem(ValidatableResponse response, int status, String field) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", not(nullValue()))
                .body("field", equalTo(field))
                .body("detail", containsString(field));
    }

    private static String normals(int n, double shift, long seed) {
        Random random = new Random(seed);
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            json.add(String.format(Locale.ROOT, "%.6f", random.nextGaussian() + shift));
        }
        return json.toString();
    }
}
