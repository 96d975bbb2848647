package dev.recsys.gateway.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.StubService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PerformanceReportResourceTest {

    @Inject
    PredictionStreamFixture streams;

    private String model;

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    /** Today: one list (scores 4.0, 2.0), rated 5.0 on the first item and ignored the second. */
    @BeforeEach
    void feedbackToday() {
        model = PredictionStreamFixture.uniqueModel("report");
        String requestId = streams.publish(new Served(model, "1", null, null, 3, new long[] { 1, 2 },
                new double[] { 4.0, 2.0 }));
        given().contentType(ContentType.JSON).body(Map.of("requestId", requestId, "userId", 3, "movieId", 1,
                "event", "rated", "rating", 5.0)).post("/api/v1/feedback").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("requestId", requestId, "userId", 3, "movieId", 2,
                "event", "ignored")).post("/api/v1/feedback").then().statusCode(201);
    }

    @Test
    void jsonReportHasOneRowPerDayWithTodaysQualityAndFeedback() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().accept(ContentType.JSON).queryParam("model", model).queryParam("period", "3d")
                .get("/api/v1/reports/performance").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("model", equalTo(model)).body("period", equalTo("3d"))
                .body("days", hasSize(3))
                .body("days[2].date", equalTo(today))
                // rating 5.0 on score 4.0: RMSE 1; hit at rank 1 of k=10: P = 0.1, NDCG = 1; the one list got feedback
                .body("days[2].rmse", closeTo(1.0, 1e-9))
                .body("days[2].precisionAtK", closeTo(0.1, 1e-9))
                .body("days[2].ndcgAtK", closeTo(1.0, 1e-9))
                .body("days[2].engagementRate", closeTo(1.0, 1e-9))
                .body("days[2].feedback.rated", equalTo(1)).body("days[2].feedback.ignored", equalTo(1))
                .body("days[2].feedback.clicked", equalTo(0))
                .body("days[0].rmse", nullValue()).body("days[0].feedback.rated", equalTo(0))
                // beyond accuracy of the lists served that day; this model has no catalog in the repository,
                // so its two items count as unique items only
                .body("days[2].beyondAccuracy.lists", equalTo(1)).body("days[2].beyondAccuracy.uniqueItems", equalTo(2))
                .body("days[2].beyondAccuracy.catalogCoverage", nullValue())
                .body("days[2].qualityScore", nullValue())
                .body("days[0].beyondAccuracy.lists", equalTo(0))
                .body("drift.available", equalTo(false)).body("drift.error", notNullValue())
                .body("errors.available", equalTo(false));
    }

    @Test
    void htmlReportShowsChartsAndSaysWhatIsUnavailable() {
        given().queryParam("model", model).get("/api/v1/reports/performance").then().statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("<svg"), containsString("RMSE"), containsString("NDCG@10"),
                        containsString("Feedback volume per day"), containsString("Beyond accuracy per day"),
                        containsString("Catalog coverage"), containsString("Drift history unavailable"),
                        containsString("Recommender metrics unavailable"), not(containsString("<script")));
    }

    @Test
    void driftVerdictsAndErrorTypesComeFromTheOtherServicesWhenTheyAnswer() throws Exception {
        // drift-service's history counted per step (?step=): each row holds an hour of evaluations
        String history = """
                {"model":"%1$s","from":0,"to":7200000,"step":3600000,"evaluations":[
                 {"windowStart":0,"windowEnd":3600000,"evaluations":120,"drifted":3,
                  "features":{"rec_mean_score":{"driftDetected":true,"drifted":3}},
                  "dataset":{"driftDetected":true,"share":0.5}},
                 {"windowStart":3600000,"windowEnd":7200000,"evaluations":120,"drifted":0,"features":{},
                  "dataset":{"driftDetected":false,"share":0.0}}]}""".formatted(model);
        try (StubService drift = StubService.on(18982)
                .answer("/api/v1/drift/models/" + model + "/history", 200, "application/json", history);
                StubService recommender = StubService.on(18981).answer("/q/metrics", 200, "text/plain",
                        "model_errors_total{type=\"timeout\"} 2.0\nmodel_errors_total{type=\"inference\"} 5.0\n")) {
            given().accept(ContentType.JSON).queryParam("model", model).get("/api/v1/reports/performance").then()
                    .statusCode(200)
                    .body("drift.available", equalTo(true)).body("drift.evaluations", equalTo(240))
                    .body("drift.drifted", equalTo(3))
                    .body("drift.verdicts[0].driftedFeatures", equalTo(java.util.List.of("rec_mean_score")))
                    .body("errors.available", equalTo(true))
                    .body("errors.top[0].type", equalTo("inference")).body("errors.top[1].type", equalTo("timeout"));
            given().queryParam("model", model).get("/api/v1/reports/performance").then().statusCode(200)
                    .body(containsString("3 of 240 evaluations found dataset drift"), containsString("inference"));
        }
    }

    @Test
    void badPeriodOrModelIsAProblem() {
        for (String period : new String[] { "7", "1w", "0d", "91d", "12h" }) {
            given().queryParam("period", period).get("/api/v1/reports/performance").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("period"));
        }
        given().queryParam("model", "<b>").get("/api/v1/reports/performance").then().statusCode(400)
                .body("detail", containsString("model"));
    }
}
