package dev.recsys.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.StubService;
import io.quarkus.test.junit.QuarkusTest;

/** The recommender and drift-service are not running in tests (test URLs point at closed ports). */
@QuarkusTest
class ServicesHealthResourceTest {

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    @Test
    void servicesThatAreNotRunningAreDownAndTheAnswerIs503() {
        given().get("/api/v1/services/health").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("services.recommender.status", equalTo("DOWN"))
                .body("services.recommender.error", notNullValue())
                .body("services.'drift-service'.status", equalTo("DOWN"))
                .body("services.'drift-service'.error", notNullValue())
                .body("services.'metrics-gateway'.status", equalTo("UP"))
                .body("services.redis.status", equalTo("UP"))
                .body("services.postgresql.status", equalTo("UP"))
                .body("services.postgresql.latencyMs", greaterThanOrEqualTo(0.0));
        String metrics = given().get("http://localhost:19082/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("service_up{service=\"recommender\"} 0.0"),
                "service_up of the recommender is 0");
        assertTrue(metrics.contains("service_up{service=\"postgresql\"} 1.0"),
                "service_up of postgresql is 1");
    }

    @Test
    void aServiceThatAnswersItsReadinessIsUp() throws Exception {
        try (StubService recommender = StubService.on(18981)
                .answer("/q/health/ready", 200, "application/json", "{\"status\":\"UP\",\"checks\":[]}");
                StubService drift = StubService.on(18983)
                        .answer("/q/health/ready", 503, "application/json", "{\"status\":\"DOWN\",\"checks\":[]}")) {
            given().get("/api/v1/services/health").then().statusCode(503)
                    .body("services.recommender.status", equalTo("UP"))
                    .body("services.recommender.error", nullValue())
                    .body("services.'drift-service'.status", equalTo("DOWN"))
                    .body("services.'drift-service'.error", containsString("503"));
        }
    }
}
