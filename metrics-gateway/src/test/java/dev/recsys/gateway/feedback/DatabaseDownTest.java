package dev.recsys.gateway.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The gateway talking to a PostgreSQL that does not answer (its reactive URL points at a closed
 * port; the shared server keeps running for everyone else).
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.UnreachableDatabase.class)
class DatabaseDownTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/gateway_test",
                    "gateway.streams.consumer-enabled", "false");
        }
    }

    @Test
    void feedbackIsRefusedWith503AndRetryAfter() {
        given().contentType(ContentType.JSON).body(Map.of("requestId", "any", "userId", 1, "movieId", 2,
                "event", "rated", "rating", 4.0)).post("/api/v1/feedback").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("status", equalTo(503)).body("detail", containsString("nothing was stored"));
    }

    @Test
    void qualityIs503AndHealthShowsPostgresqlDown() {
        given().get("/api/v1/quality").then().statusCode(503).header("Retry-After", "5")
                .contentType("application/problem+json");
        given().get("/api/v1/services/health").then().statusCode(503)
                .body("services.postgresql.status", equalTo("DOWN"))
                .body("services.redis.status", equalTo("UP"));
    }
}
