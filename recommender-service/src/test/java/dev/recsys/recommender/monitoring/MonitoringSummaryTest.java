package dev.recsys.recommender.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class MonitoringSummaryTest {

    private static JsonPath summary() {
        return given().get("/api/v1/monitoring/summary").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void summaryCountsWhatTheServiceDid() throws InterruptedException {
        JsonPath before = summary();
        given().get("/api/v1/users/2/recommendations?k=9").then().statusCode(200);
        Requests.awaitCached("/api/v1/users/2/recommendations?k=9");
        given().queryParam("q", "Comedy").get("/api/v1/movies/search").then().statusCode(200);
        JsonPath after = summary();

        assertTrue(after.getString("requestId").length() > 0);
        assertEquals("movie-recs", after.getString("model.name"));
        assertTrue(after.getBoolean("model.loaded"));
        assertEquals("1", after.getString("model.version"));
        long misses = after.getLong("cache.misses") - before.getLong("cache.misses");
        assertEquals(1, after.getLong("cache.hits") - before.getLong("cache.hits"));
        assertTrue(misses >= 1);
        assertEquals(1 + misses, after.getLong("recommendationsGenerated") - before.getLong("recommendationsGenerated"));
        assertEquals(1, after.getLong("searches") - before.getLong("searches"));
        double hitRate = after.getDouble("cache.hitRate");
        long lookups = after.getLong("cache.hits") + after.getLong("cache.misses") + after.getLong("cache.errors");
        // JsonPath reads the number as a float: equal to float precision (the counts are shared with the other
        // test classes of the JVM, so the ratio is rarely a short binary fraction)
        assertEquals(after.getLong("cache.hits") / (double) lookups, hitRate, 1e-6);
        assertEquals(0, after.getLong("modelErrors"));
    }
}
