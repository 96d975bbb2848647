package dev.recsys.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PrivateRedis;
import dev.recsys.gateway.feedback.service.UnmatchedFeedback;
import dev.recsys.gateway.served.ServedList;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Redis gone (a private redis-server, killed): the gateway is degraded, not DOWN, and takes feedback. */
@QuarkusTest
@QuarkusTestResource(value = PrivateRedis.class, restrictToAnnotatedClass = true)
@TestProfile(RedisDownTest.OneWaitingFeedback.class)
class RedisDownTest {

    private static final String MANAGEMENT = "http://localhost:19082/q";

    public static class OneWaitingFeedback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.feedback.pending-max", "1", "gateway.feedback.pending-sweep-interval", "1h");
        }
    }

    @Inject
    ServedListRepository servedLists;

    @Inject
    Pool pool;

    @Inject
    UnmatchedFeedback unmatched;

    @Test
    void redisLossDegradesReadinessButFeedbackIsStillTaken() throws InterruptedException {
        given().get(MANAGEMENT + "/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up"));
        assertDegraded(0);
        pool.query("delete from feedback_unmatched").execute().await().indefinitely();
        unmatched.sweep().await().indefinitely();

        PrivateRedis.kill();

        given().get(MANAGEMENT + "/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.redis", containsString("degraded"));
        assertDegraded(1);
        // feedback on a stored list is stored
        String requestId = "redis-down-" + UUID.randomUUID();
        servedLists.insertAll(pool, List.of(new ServedList(requestId, "redis-down", "1", null, null, 3,
                Instant.now(), new Long[] { 1L, 2L }, new Double[] { 4.0, 3.0 }, null))).await().indefinitely();
        given().contentType(ContentType.JSON).body(Map.of("requestId", requestId, "userId", 3, "movieId", 2,
                "event", "clicked")).post("/api/v1/feedback").then().statusCode(201);
        // feedback on a list not stored waits for it, up to gateway.feedback.pending-max rows (1 here)
        given().contentType(ContentType.JSON).body(Map.of("requestId", "unknown-" + UUID.randomUUID(), "userId", 3,
                "movieId", 2, "event", "clicked")).post("/api/v1/feedback").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("requestId", "unknown-" + UUID.randomUUID(), "userId", 3,
                "movieId", 2, "event", "clicked")).post("/api/v1/feedback").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("requestId"));
    }

    private static void assertDegraded(int value) {
        String metrics = given().get(MANAGEMENT + "/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("dependency_degraded{dependency=\"redis\"} " + value + ".0"), metrics);
    }
}
