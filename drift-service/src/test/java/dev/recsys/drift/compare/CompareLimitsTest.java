package dev.recsys.drift.compare;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-request limits of compare (drift.compare.*), here set small, answered as problem+json. */
@QuarkusTest
@TestProfile(CompareLimitsTest.SmallLimits.class)
class CompareLimitsTest {

    /** 1,000 values, 3 features, 5 categories per array and an exact-KS budget of 1,000 lattice cells per request. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drift.compare.max-values", "1000", "drift.compare.max-features", "3",
                    "drift.compare.max-categories", "5",
                    "drift.compare.exact-ks-budget", "1000");
        }
    }

    private static final String PATH = "/api/v1/drift/compare";

    @Test
    void moreValuesThanTheLimitIsA413NamingTheArray() {
        String body = "{\"reference\": {\"x\": " + numbers(600, 0) + "}, \"current\": {\"x\": " + numbers(401, 0) + "}}";
        CompareResourceTest.problem(post(body), 413, "current.x");
        post("{\"reference\": {\"x\": " + numbers(600, 0) + "}, \"current\": {\"x\": " + numbers(400, 0) + "}}")
                .statusCode(200);
    }

    @Test
    void moreFeaturesThanTheLimitIsA413() {
        String four = "{\"a\": [1], \"b\": [1], \"c\": [1], \"d\": [1]}";
        CompareResourceTest.problem(post("{\"reference\": " + four + ", \"current\": " + four + "}"), 413,
                "reference.d");
        CompareResourceTest.problem(post("{\"features\": {\"a\": {}, \"b\": {}, \"c\": {}, \"d\": {}}}"), 413,
                "features.d");
    }

    @Test
    void moreDistinctLabelsThanTheLimitIsA413WhileRepeatsAreFine() {
        CompareResourceTest.problem(post("""
                {"reference": {"g": ["a","b","c","d","e","a","b"]}, "current": {"g": ["a","b","c","d","e",true]}}
                """), 413, "current.g");
        post("""
                {"reference": {"g": ["a","b","c","d","e","a","b","a"]}, "current": {"g": ["a","b","c","d","e","e"]}}
                """).statusCode(200).body("features.g.method", equalTo("chisquare"));
    }

    @Test
    void exactKsBeyondTheBudgetUsesTheAsymptoticPValueAndSaysSo() {
        post("{\"reference\": {\"x\": " + numbers(300, 0) + "}, \"current\": {\"x\": " + numbers(200, 0.5) + "}}")
                .statusCode(200)
                .body("features.x.method", equalTo("ks"))
                .body("features.x.details.pValueMethod", equalTo("asymptotic"))
                .body("features.x.details.exactSkipped", containsString("exact-KS budget"));
        post("{\"reference\": {\"x\": [1,2,3,4,5]}, \"current\": {\"x\": [3,4,5,6,7,8]}}").statusCode(200)
                .body("features.x.details.pValueMethod", equalTo("exact"));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(PATH).then();
    }

    private static String numbers(int n, double shift) {
        StringJoiner json = new StringJoiner(",", "[", "]");
        IntStream.range(0, n).forEach(i -> json.add(Double.toString(i * 0.37 % 11 + shift)));
        return json.toString();
    }
}
