package dev.recsys.gateway.summary;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.StubService;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SystemSummaryResourceTest {

    static final String RECOMMENDER_METRICS = """
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/v1/users/{userId}/recommendations"} 90.0
            http_server_requests_seconds_count{method="GET",outcome="SERVER_ERROR",status="500",uri="/api/v1/users/{userId}/recommendations"} 6.0
            http_server_requests_seconds_count{method="GET",outcome="CLIENT_ERROR",status="400",uri="/api/v1/users/{userId}/recommendations"} 4.0
            recommendation_cache_requests_total{result="hit"} 30.0 # {span_id="376fd866530d06e4",trace_id="d195485d3ccc25ca625afb08a38483b7"} 1.0 1795407627.520
            recommendation_cache_requests_total{result="miss"} 10.0
            model_errors_total{type="inference"} 5.0
            model_errors_total{type="timeout"} 2.0
            """;

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    @Test
    void otherServicesDownStillGiveASummaryShowingThemDown() {
        given().get("/api/v1/monitoring/summary").then().statusCode(200)
                .body("status", equalTo("DEGRADED"))
                .body("services.recommender.status", equalTo("DOWN"))
                .body("services.'metrics-gateway'.status", equalTo("UP"))
                .body("recommender.status", equalTo("DOWN"))
                .body("recommender.model.error", notNullValue())
                .body("recommender.traffic.error", notNullValue())
                .body("drift.status", equalTo("DOWN"))
                .body("drift.current.error", notNullValue())
                .body("quality.model", equalTo("movie-recs"))
                .body("quality.k", equalTo(10));
    }

    @Test
    void aRunningRecommenderShowsItsModelTrafficAndCache() throws Exception {
        try (StubService management = StubService.on(18981)
                .answer("/q/health/ready", 200, "application/json", "{\"status\":\"UP\"}")
                .answer("/q/metrics", 200, "text/plain", RECOMMENDER_METRICS);
                StubService api = StubService.on(18980)
                        .answer("/api/v1/model", 200, "application/json",
                                "{\"name\":\"movie-recs\",\"version\":\"4\",\"loaded\":true,\"provider\":\"cpu\"}")
                        .answer("/api/v1/monitoring/summary", 200, "application/json",
                                "{\"cache\":{\"hits\":30,\"misses\":10}}")) {
            given().get("/api/v1/monitoring/summary").then().statusCode(200);
            // the second look sees the same counters: no request in between, 0 per second
            given().get("/api/v1/monitoring/summary").then().statusCode(200)
                    .body("recommender.traffic.requestsPerSecond", closeTo(0.0, 1e-9))
                    .body("services.recommender.status", equalTo("UP"))
                    .body("recommender.status", equalTo("UP"))
                    .body("recommender.model.version", equalTo("4"))
                    .body("recommender.model.provider", equalTo("cpu"))
                    .body("recommender.summary.cache.hits", equalTo(30))
                    // 100 requests, 6 with a 5xx status; 30 hits of 40 cache lookups
                    .body("recommender.traffic.requestsTotal", closeTo(100.0, 1e-9))
                    .body("recommender.traffic.serverErrorsTotal", closeTo(6.0, 1e-9))
                    .body("recommender.traffic.serverErrorRatio", closeTo(0.06, 1e-9))
                    .body("recommender.traffic.cacheHitRate", closeTo(0.75, 1e-9))
                    .body("recommender.traffic.modelErrors.inference", closeTo(5.0, 1e-9))
                    .body("drift.status", equalTo("DOWN"))
                    .body("drift.models.error", containsString("Connect"));
        }
    }
}
