package dev.recsys.recommender.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The catalog database at a port where nothing listens: the catalog only degrades the service. Recommendations
 * and reloads go on, readiness stays UP and says the catalog is degraded, lookups and search answer 503 with
 * Retry-After.
 */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
@TestProfile(CatalogDownTest.PostgresDown.class)
class CatalogDownTest {

    public static class PostgresDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/recommender_test",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/recommender_test",
                    "quarkus.flyway.migrate-at-start", "false");
        }
    }

    @Test
    void recommendationsAreServed() {
        given().get("/api/v1/users/3/recommendations?k=4").then().statusCode(200).body("items.size()", equalTo(4));
    }

    @Test
    void readinessStaysUpAndSaysTheCatalogIsDegraded() {
        given().get("http://localhost:19080/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.data.postgresql", equalTo("degraded"));
        String metrics = given().get("http://localhost:19080/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("dependency_degraded{dependency=\"postgresql\"")
                && l.endsWith(" 1.0")), "dependency_degraded{dependency=\"postgresql\"} 1");
    }

    @Test
    void movieLookupAnswers503WithRetryAfter() {
        given().get("/api/v1/movies/1").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("status", equalTo(503))
                .body("detail", containsString("catalog")).body("detail", not(containsString("Exception")));
    }

    @Test
    void searchAnswers503WithRetryAfter() {
        given().queryParam("q", "star").get("/api/v1/movies/search").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5");
    }

    @Test
    void reloadSucceedsAndTheModelKeepsServing() {
        given().header("Authorization", "Bearer test-admin-token").post("/api/v1/model/reload").then()
                .statusCode(200).body("loaded", equalTo(true));
        given().get("/api/v1/users/4/recommendations?k=3").then().statusCode(200);
    }
}
