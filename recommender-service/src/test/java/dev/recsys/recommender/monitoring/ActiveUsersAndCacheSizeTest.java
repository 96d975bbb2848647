package dev.recsys.recommender.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.Requests;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Active users (Redis HyperLogLog) and the cache size, as the summary and the gauges report them. */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class ActiveUsersAndCacheSizeTest {

    @Inject
    RedisDataSource redis;

    private static JsonPath summary() {
        return given().get("/api/v1/monitoring/summary").then().statusCode(200).extract().jsonPath();
    }

    private static long activeUsers(JsonPath summary, String window) {
        return summary.getLong("activeUsers.'" + window + "'");
    }

    @Test
    void eachDistinctUserCountsOnceInEveryWindow() throws InterruptedException {
        // users no other test serves (unknown to the model: cold start), each served three times
        int base = 5_000_000 + ThreadLocalRandom.current().nextInt(1_000_000) * 10;
        List<Integer> users = List.of(base, base + 1, base + 2, base + 3);
        JsonPath before = summary();
        for (int round = 0; round < 3; round++) {
            for (int user : users) {
                given().get("/api/v1/users/" + user + "/recommendations?k=2").then().statusCode(200);
            }
        }
        // adds are fire and forget: wait until the last one has landed
        JsonPath after = before;
        for (int i = 0; i < 50 && activeUsers(after, "5m") - activeUsers(before, "5m") < users.size(); i++) {
            Thread.sleep(100);
            after = summary();
        }
        for (String window : List.of("5m", "1h", "24h")) {
            assertEquals(users.size(), activeUsers(after, window) - activeUsers(before, window), window);
        }
    }

    @Test
    void cacheSizeCountsTheCachedLists() throws InterruptedException {
        long before = summary().getLong("cache.size");
        int base = 7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000) * 10;
        for (int user : List.of(base, base + 1)) {
            given().get("/api/v1/users/" + user + "/recommendations?k=3").then().statusCode(200);
            Requests.awaitCached("/api/v1/users/" + user + "/recommendations?k=3");
        }
        long after = summary().getLong("cache.size");
        long keys = redis.key().keys("rec:movie-recs:*").size();
        // lists cached earlier in this run may expire meanwhile (5 min TTL); none appear uninvited
        assertTrue(after >= 2 && after - before <= 2, before + " -> " + after);
        assertTrue(Math.abs(keys - after) <= 1, "summary " + after + " vs KEYS " + keys);
        String metrics = given().get("http://localhost:19080/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("recommendation_cache_size{model=\"movie-recs\"}")), metrics);
    }
}
