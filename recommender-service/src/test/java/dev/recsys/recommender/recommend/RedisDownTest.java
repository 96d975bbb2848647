package dev.recsys.recommender.recommend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis at a port where nothing listens: requests are answered uncached, counted, and the service stays ready. */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
@TestProfile(RedisDownTest.RedisDown.class)
class RedisDownTest {

    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1/1");
        }
    }

    @Test
    void recommendationsAreServedUncachedAndCounted() {
        for (int i = 0; i < 3; i++) {
            given().get("/api/v1/users/3/recommendations?k=4").then().statusCode(200)
                    .body("cached", equalTo(false)).body("items.size()", equalTo(4));
        }
        String metrics = given().get("http://localhost:19080/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("recommendation_cache_requests_total{result=\"error\"}")
                && !l.endsWith(" 0.0")), "cache errors counted");
        assertFalse(metrics.lines().anyMatch(l -> l.startsWith("recommendation_cache_requests_total{result=\"hit\"}")
                && !l.endsWith(" 0.0")));
    }

    @Test
    void readinessStaysUpAndSaysRedisIsDown() {
        given().get("http://localhost:19080/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("down"));
    }

    @Test
    void activeUsersAndCacheSizeAreUnknownNotZero() {
        given().get("/api/v1/users/6/recommendations?k=2").then().statusCode(200);
        given().get("/api/v1/monitoring/summary").then().statusCode(200)
                .body("activeUsers.5m", org.hamcrest.Matchers.nullValue())
                .body("activeUsers.24h", org.hamcrest.Matchers.nullValue())
                .body("cache.size", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void eventsWaitInTheBufferInsteadOfFailingRequests() {
        given().get("/api/v1/users/5/recommendations?k=2").then().statusCode(200);
        given().get("/api/v1/monitoring/summary").then().statusCode(200)
                .body("events.buffered", org.hamcrest.Matchers.greaterThan(0));
    }
}
