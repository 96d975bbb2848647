package dev.recsys.recommender.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A model the repository does not have: the service runs, says why it is not ready, and answers 503 problems. */
@QuarkusTest
@TestProfile(NoModelTest.EmptyRepository.class)
class NoModelTest {

    /** Where the tests' model repository lives (support/ModelRepositoryResource), as an absolute path. */
    private static final String REPOSITORY = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString();

    public static class EmptyRepository implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommender.model-name", "no-such-model");
        }
    }

    @Test
    void recommendationsAreUnavailable() {
        given().get("/api/v1/users/1/recommendations").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("status", equalTo(503)).body("detail", containsString("no model"))
                .body("detail", not(containsString(REPOSITORY)));
    }

    @Test
    void notReadyWithTheReason() {
        given().get("http://localhost:19080/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model' }.data.reason", containsString("no complete version"))
                // the repository is named by its folder, never by its absolute path (health, model, summary)
                .body("checks.find { it.name == 'model' }.data.reason", containsString(" in …/"))
                .body("checks.find { it.name == 'model' }.data.reason", not(containsString(REPOSITORY)));
        given().get("/api/v1/model").then().statusCode(200).body("loaded", equalTo(false));
        given().get("/api/v1/monitoring/summary").then().statusCode(200).body(not(containsString(REPOSITORY)));
    }

    @Test
    void reloadWithNothingToLoadIsUnavailable() {
        given().header("Authorization", "Bearer test-admin-token").post("/api/v1/model/reload").then().statusCode(503)
                .contentType("application/problem+json");
    }
}
