package dev.recsys.recommender.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class HealthAndMetricsTest {

    @Inject
    RedisDataSource redis;

    static final String MANAGEMENT = "http://localhost:19080";

    @Test
    void readyWithModelDatabaseAndRedisReported() {
        given().get(MANAGEMENT + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model' }.data.version", equalTo("1"))
                .body("checks.find { it.name == 'model' }.data.provider", equalTo("cpu"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up"))
                .body("checks.find { it.name == 'catalog' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.data.postgresql", equalTo("up"));
    }

    @Test
    void liveAndStarted() {
        given().get(MANAGEMENT + "/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("prediction-event-publisher"));
        given().get(MANAGEMENT + "/q/health/started").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("model-startup"));
    }

    @Test
    void metricsOfTheDesignAreExported() {
        // lists cached by an earlier run (5 min TTL) would be served without inference
        List<String> cached = redis.key().keys("rec:movie-recs:*");
        if (!cached.isEmpty()) {
            redis.key().del(cached.toArray(String[]::new));
        }
        given().get("/api/v1/users/1/recommendations?k=3").then().statusCode(200);
        given().get("/api/v1/users/1/recommendations?k=3").then().statusCode(200);
        given().get("/api/v1/users/777777/recommendations?k=3").then().statusCode(200);
        given().queryParam("q", "Drama").get("/api/v1/movies/search").then().statusCode(200);
        String metrics = given().get(MANAGEMENT + "/q/metrics").then().statusCode(200).extract().asString();
        for (String expected : new String[] {
            "model_inference_duration_seconds_bucket{model=\"movie-recs\",provider=\"cpu\",version=\"1\",le=\"5.0E-4\"}",
            "model_inference_duration_seconds_bucket{model=\"movie-recs\",provider=\"cpu\",version=\"1\",le=\"10.0\"}",
            "model_inference_batch_size_bucket{model=\"movie-recs\",version=\"1\",le=\"1.0\"}",
            "recommendations_generated_total{model=\"movie-recs\",version=\"1\"}",
            "recommendation_cold_start_total{model=\"movie-recs\",version=\"1\"}",
            "model_loaded{model=\"movie-recs\",version=\"1\"} 1.0",
            "model_execution_provider{gpu=\"false\",model=\"movie-recs\",provider=\"cpu\",version=\"1\"} 1.0",
            "recommendation_score_bucket{model=\"movie-recs\",version=\"1\",le=\"0.25\"}",
            "recommendation_score_bucket{model=\"movie-recs\",version=\"1\",le=\"6.0\"}",
            "recommendation_active_users{model=\"movie-recs\",window=\"5m\"}",
            "recommendation_active_users{model=\"movie-recs\",window=\"24h\"}",
            "recommendation_cache_size{model=\"movie-recs\"}",
            "recommendation_cache_requests_total{result=\"hit\"}",
            "recommendation_cache_requests_total{result=\"miss\"}",
            "prediction_events_published_total{model=\"movie-recs\",version=\"1\"}",
            "movie_search_duration_seconds_bucket{le=\"5.0E-4\"}",
            "model_errors_total{type=\"inference\"}",
            "model_offline_metric{metric=\"rmse\",model=\"movie-recs\",version=\"1\"}",
            "model_offline_metric{metric=\"ndcg_at_10\",model=\"movie-recs\",version=\"1\"}",
            "model_offline_metric{metric=\"catalog_coverage\",model=\"movie-recs\",version=\"1\"}",
            "model_offline_metric{metric=\"popularity_gini\",model=\"movie-recs\",version=\"1\"}",
            "http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/users/{userId}/recommendations\",le=\"5.0E-4\"}"}) {
            String name = expected.substring(0, expected.indexOf('{'));
            org.junit.jupiter.api.Assertions.assertTrue(metrics.contains(expected), "missing " + expected + " in "
                    + metrics.lines().filter(l -> l.startsWith(name)).limit(5).toList());
        }
    }
}
