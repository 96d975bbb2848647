package dev.recsys.gateway.quality;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import dev.recsys.gateway.quality.service.QualityRollupJob;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Feedback and quality assertions shared by the quality tests. */
final class QualityChecks {

    private static final double EPS = 1e-5;

    private QualityChecks() {
    }

    static void feedback(String requestId, long userId, long movieId, String event, Double rating, int status) {
        Map<String, Object> body = new HashMap<>(Map.of("requestId", requestId, "userId", userId,
                "movieId", movieId, "event", event));
        if (rating != null) {
            body.put("rating", rating);
        }
        given().contentType(ContentType.JSON).body(body).post("/api/v1/feedback").then().statusCode(status);
    }

    /**
     * Runs the check on feedback that is not rolled up yet (the test profile switches the scheduled
     * rollup off), rolls everything up, and runs it again: both ways must give the same answer.
     */
    static void beforeAndAfterRollup(QualityRollupJob rollup, Runnable check) {
        check.run();
        rollup.rollUp().await().indefinitely();
        check.run();
    }

    static void assertMetrics(ValidatableResponse response, String path, double precision, double recall,
            double ndcg, double acceptance, double engagement, double rmse, double mae, double meanRating,
            int ratings, int lists) {
        response.body(path + ".precisionAtK", closeTo(precision, EPS))
                .body(path + ".recallAtK", closeTo(recall, EPS))
                .body(path + ".ndcgAtK", closeTo(ndcg, EPS))
                .body(path + ".acceptanceRate", closeTo(acceptance, EPS))
                .body(path + ".engagementRate", closeTo(engagement, EPS))
                .body(path + ".rmse", closeTo(rmse, EPS))
                .body(path + ".mae", closeTo(mae, EPS))
                .body(path + ".meanRating", closeTo(meanRating, EPS))
                .body(path + ".ratings", equalTo(ratings))
                .body(path + ".lists", equalTo(lists));
    }
}
