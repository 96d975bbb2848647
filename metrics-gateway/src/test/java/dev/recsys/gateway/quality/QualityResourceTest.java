package dev.recsys.gateway.quality;

import static dev.recsys.gateway.quality.QualityChecks.assertMetrics;
import static dev.recsys.gateway.quality.QualityChecks.beforeAndAfterRollup;
import static dev.recsys.gateway.quality.QualityChecks.feedback;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.quality.service.QualityRollupJob;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every quality number checked against a hand computation on a small scripted scenario
 * (k = 10, relevant = rating >= 4.0 or clicked).
 *
 * <pre>
 * list version variant   user items (scores)                         feedback
 * L1   1       control   1    10(4.5) 11(4.0) 12(3.5) 13(3.0)        rated 11=5.0, clicked 13, rated 12=3.0,
 *                                                                     rated 11=1.0 again (duplicate: not stored)
 * L2   1       control   2    20(4.2) 21(3.9) 22(3.1)                rated 20=4.0, ignored 21
 * L3   2       treatment 1    10(4.8) 30(4.1) 31(2.0)                clicked 30, rated 99=4.5 (99 not served)
 * L4   2       treatment 3    40(3.0) 41(2.5)                        none
 * L5   2       treatment 4    50(4.0) 51(3.5) 52(3.0)                ignored 50, rated 51=2.0 (nothing relevant)
 * L6   2       control   5    60(4.4) 61(3.3)                        clicked 60, rated 61=3.5
 * L7   1       (none)    6    70(3.9)                                rated 70=4.0
 *
 * relevant per user in the window: u1 {11,13,30,99}=4, u2 {20}=1, u4 {}=0, u5 {60}=1, u6 {70}=1
 * per list: hits (relevant in top 10, rank) | P=hits/10 | R=hits/|rel user| | DCG=sum 1/log2(rank+1) | IDCG(rel of list)
 *   L1: 11@2, 13@4     P=0.2  R=2/4=0.5   DCG=0.630930+0.430677=1.061606  IDCG(2)=1.630930  NDCG=0.650921
 *   L2: 20@1           P=0.1  R=1/1=1     NDCG=1
 *   L3: 30@2 (99 unranked, still relevant for the list) P=0.1 R=1/4=0.25 DCG=0.630930 IDCG(2)=1.630930 NDCG=0.386853
 *   L5: none           P=0    R=0         NDCG=0   (no relevant item: counts as 0, not accepted)
 *   L6: 60@1           P=0.1  R=1/1=1     NDCG=1
 *   L7: 70@1           P=0.1  R=1/1=1     NDCG=1
 * rated and served with a score (rating - score): 11: 5.0-4.0=1.0, 12: 3.0-3.5=-0.5, 20: 4.0-4.2=-0.2,
 *   51: 2.0-3.5=-1.5, 61: 3.5-3.3=0.2, 70: 4.0-3.9=0.1  (99 has no score: counts for meanRating only)
 *
 * overall: lists with feedback 6, served 7
 *   P=(0.2+0.1+0.1+0+0.1+0.1)/6=0.1   R=(0.5+1+0.25+0+1+1)/6=0.625
 *   NDCG=(0.650921+1+0.386853+0+1+1)/6=0.672962   acceptance=5/6   engagement=6/7
 *   RMSE=sqrt((1+0.25+0.04+2.25+0.04+0.01)/6)=sqrt(0.598333)=0.773520   MAE=3.5/6=0.583333
 *   ratings 7: 5,3,4,4.5,2,3.5,4 -> mean 26/7=3.714286
 * version 1 (L1,L2,L7; served 3): P=0.4/3  R=2.5/3  NDCG=2.650921/3=0.883640  acceptance 1  engagement 1
 *   RMSE=sqrt((1+0.25+0.04+0.01)/4)=0.570088  MAE=1.8/4=0.45  ratings 4, mean 16/4=4.0
 * version 2 (L3,L5,L6; served L3..L6=4): P=0.2/3  R=1.25/3  NDCG=1.386853/3=0.462284  acceptance 2/3
 *   engagement 3/4  RMSE=sqrt((2.25+0.04)/2)=1.070047  MAE=1.7/2=0.85  ratings 3, mean 10/3
 * control (L1,L2,L6; served 3): P=0.4/3  R=2.5/3  NDCG=0.883640  acceptance 1  engagement 1
 *   RMSE=sqrt((1+0.25+0.04+0.04)/4)=0.576628  MAE=1.9/4=0.475  ratings 4, mean 15.5/4=3.875
 * treatment (L3,L5; served L3,L4,L5=3): P=0.05  R=0.125  NDCG=0.193427  acceptance 0.5  engagement 2/3
 *   RMSE=1.5  MAE=1.5  ratings 2, mean 3.25
 * L7 has no experiment: it counts overall and for version 1, under no variant.
 * </pre>
 */
@QuarkusTest
class QualityResourceTest {

    @Inject
    PredictionStreamFixture streams;

    @Inject
    QualityRollupJob rollup;

    private String model;

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    @BeforeEach
    void scenario() {
        model = PredictionStreamFixture.uniqueModel("quality");
        String l1 = streams.publish(new Served(model, "1", "exp-1", "control", 1, new long[] { 10, 11, 12, 13 },
                new double[] { 4.5, 4.0, 3.5, 3.0 }));
        String l2 = streams.publish(new Served(model, "1", "exp-1", "control", 2, new long[] { 20, 21, 22 },
                new double[] { 4.2, 3.9, 3.1 }));
        String l3 = streams.publish(new Served(model, "2", "exp-1", "treatment", 1, new long[] { 10, 30, 31 },
                new double[] { 4.8, 4.1, 2.0 }));
        streams.publish(new Served(model, "2", "exp-1", "treatment", 3, new long[] { 40, 41 },
                new double[] { 3.0, 2.5 }));
        String l5 = streams.publish(new Served(model, "2", "exp-1", "treatment", 4, new long[] { 50, 51, 52 },
                new double[] { 4.0, 3.5, 3.0 }));
        String l6 = streams.publish(new Served(model, "2", "exp-1", "control", 5, new long[] { 60, 61 },
                new double[] { 4.4, 3.3 }));
        String l7 = streams.publish(new Served(model, "1", null, null, 6, new long[] { 70 }, new double[] { 3.9 }));
        streams.awaitStoredLists(model, 7);

        feedback(l1, 1, 11, "rated", 5.0, 201);
        feedback(l1, 1, 13, "clicked", null, 201);
        feedback(l1, 1, 12, "rated", 3.0, 201);
        feedback(l1, 1, 11, "rated", 1.0, 200);
        feedback(l2, 2, 20, "rated", 4.0, 201);
        feedback(l2, 2, 21, "ignored", null, 201);
        feedback(l3, 1, 30, "clicked", null, 201);
        feedback(l3, 1, 99, "rated", 4.5, 201);
        feedback(l5, 4, 50, "ignored", null, 201);
        feedback(l5, 4, 51, "rated", 2.0, 201);
        feedback(l6, 5, 60, "clicked", null, 201);
        feedback(l6, 5, 61, "rated", 3.5, 201);
        feedback(l7, 6, 70, "rated", 4.0, 201);
    }

    // each check runs on feedback not rolled up yet (raw rows), then on the rollup
    @Test
    void overallQualityMatchesTheHandComputation() {
        beforeAndAfterRollup(rollup, () -> {
            ValidatableResponse response = given().queryParam("model", model).queryParam("window", "1h")
                    .get("/api/v1/quality").then().statusCode(200)
                    .body("model", equalTo(model)).body("k", equalTo(10));
            assertMetrics(response, "overall", 0.1, 3.75 / 6, 4.037774 / 6, 5.0 / 6, 6.0 / 7, 0.773520, 3.5 / 6,
                    26.0 / 7, 7, 6);
            response.body("overall.ratingDistribution", equalTo(Map.of("0.5", 0, "1.0", 0, "1.5", 0, "2.0", 1,
                    "2.5", 0, "3.0", 1, "3.5", 1, "4.0", 2, "4.5", 1, "5.0", 1)));
        });
    }

    // more answers at once than may hold two connections: the rest compute both halves on one
    @Test
    void concurrentAnswersAllMatchTheHandComputation() throws Exception {
        rollup.rollUp().await().indefinitely();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    assertMetrics(given().queryParam("model", model).get("/api/v1/quality").then().statusCode(200),
                            "overall", 0.1, 3.75 / 6, 4.037774 / 6, 5.0 / 6, 6.0 / 7, 0.773520, 3.5 / 6, 26.0 / 7,
                            7, 6);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> answer : answers) {
                answer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void qualityPerVersionMatchesTheHandComputation() {
        beforeAndAfterRollup(rollup, () -> {
            ValidatableResponse response = given().queryParam("model", model).get("/api/v1/quality").then()
                    .statusCode(200);
            assertMetrics(response, "byVersion.'1'", 0.4 / 3, 2.5 / 3, 2.650921 / 3, 1.0, 1.0, 0.570088, 0.45,
                    4.0, 4, 3);
            assertMetrics(response, "byVersion.'2'", 0.2 / 3, 1.25 / 3, 1.386853 / 3, 2.0 / 3, 0.75, 1.070047,
                    0.85, 10.0 / 3, 3, 3);
        });
    }

    @Test
    void qualityPerVariantMatchesTheHandComputationAndLeavesOutListsWithoutExperiment() {
        beforeAndAfterRollup(rollup, () -> {
            ValidatableResponse response = given().queryParam("model", model).queryParam("window", "15m")
                    .get("/api/v1/quality").then().statusCode(200)
                    .body("byVariant.size()", equalTo(2));
            assertMetrics(response, "byVariant.control", 0.4 / 3, 2.5 / 3, 2.650921 / 3, 1.0, 1.0, 0.576628,
                    0.475, 3.875, 4, 3);
            assertMetrics(response, "byVariant.treatment", 0.05, 0.125, 0.386853 / 2, 0.5, 2.0 / 3, 1.5, 1.5,
                    3.25, 2, 2);
        });
    }

    @Test
    void duplicateFeedbackIsStoredOnceAndAnsweredWithTheFirstRating() {
        String requestId = streams.publish(new Served(model, "1", null, null, 9, new long[] { 5 },
                new double[] { 3.0 }));
        Map<String, Object> body = Map.of("requestId", requestId, "userId", 9, "movieId", 5, "event", "rated",
                "rating", 4.5);
        int id = given().contentType(ContentType.JSON).body(body).post("/api/v1/feedback").then().statusCode(201)
                .body("rating", equalTo(4.5)).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("requestId", requestId, "userId", 9, "movieId", 5,
                "event", "rated", "rating", 1.0)).post("/api/v1/feedback").then().statusCode(200)
                .body("id", equalTo(id)).body("rating", equalTo(4.5));
    }

    @Test
    void windowWithoutFeedbackHasNullMetrics() {
        long now = System.currentTimeMillis();
        given().queryParam("model", model).queryParam("from", now - 7 * 86_400_000L)
                .queryParam("to", now - 6 * 86_400_000L).get("/api/v1/quality").then().statusCode(200)
                .body("from", equalTo(now - 7 * 86_400_000L)).body("to", equalTo(now - 6 * 86_400_000L))
                .body("overall.rmse", nullValue()).body("overall.mae", nullValue())
                .body("overall.precisionAtK", nullValue()).body("overall.recallAtK", nullValue())
                .body("overall.ndcgAtK", nullValue()).body("overall.acceptanceRate", nullValue())
                .body("overall.engagementRate", nullValue()).body("overall.meanRating", nullValue())
                .body("overall.ratings", equalTo(0)).body("overall.lists", equalTo(0))
                .body("overall.ratingDistribution.'5.0'", equalTo(0))
                .body("byVersion", anEmptyMap()).body("byVariant", anEmptyMap());
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        problem(Map.of("window", "1y"), "window");
        problem(Map.of("window", "0h"), "window");
        problem(Map.of("window", "91d"), "window");
        problem(Map.of("window", "1h", "from", "1"), "window");
        problem(Map.of("from", "yesterday"), "from");
        problem(Map.of("from", "-5"), "from");
        problem(Map.of("to", "1000"), "from");
        problem(Map.of("from", "2000", "to", "1000"), "to");
        problem(Map.of("model", "movie recs!"), "model");
    }

    private static void problem(Map<String, String> params, String field) {
        given().queryParams(params).get("/api/v1/quality").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("title", equalTo("Bad Request")).body("detail", containsString(field));
    }
}
