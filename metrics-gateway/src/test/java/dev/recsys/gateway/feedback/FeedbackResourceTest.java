package dev.recsys.gateway.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.feedback.repository.FeedbackRepository;
import dev.recsys.gateway.feedback.rest.FeedbackRequest;
import dev.recsys.gateway.feedback.service.UnmatchedFeedback;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.mutiny.Uni;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class FeedbackResourceTest {

    private static final String METRICS = "http://localhost:19082/q/metrics";

    @Inject
    PredictionStreamFixture streams;

    @Inject
    Pool pool;

    @Inject
    UnmatchedFeedback unmatched;

    @Inject
    FeedbackRepository repository;

    @TestHTTPResource("/api/v1/feedback")
    URI feedbackUri;

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    private static Map<String, Object> body(String requestId, Object userId, Object movieId, String event,
            Object rating) {
        Map<String, Object> body = new HashMap<>();
        body.put("requestId", requestId);
        body.put("userId", userId);
        body.put("movieId", movieId);
        body.put("event", event);
        if (rating != null) {
            body.put("rating", rating);
        }
        return body;
    }

    @Test
    void feedbackOnAListNotStoredYetWaitsForItAndIsStoredWhenItArrives() {
        // the feedback arrives before its list was read from the stream
        String model = PredictionStreamFixture.uniqueModel("race");
        double matched = counter("gateway_feedback_pending_matched_total");
        String requestId = UUID.randomUUID().toString();
        long receivedAt = given().contentType(ContentType.JSON).body(body(requestId, 42, 8, "rated", 4.5))
                .post("/api/v1/feedback").then().statusCode(202)
                .body("requestId", equalTo(requestId)).body("userId", equalTo(42)).body("movieId", equalTo(8))
                .body("event", equalTo("rated")).body("rating", equalTo(4.5))
                .extract().jsonPath().getLong("receivedAt");
        // a repeat while it waits is the same waiting feedback
        given().contentType(ContentType.JSON).body(body(requestId, 42, 8, "rated", 1.0))
                .post("/api/v1/feedback").then().statusCode(202).body("rating", equalTo(4.5))
                .body("receivedAt", equalTo(receivedAt)).body("waitsUntil", equalTo(receivedAt + 15 * 60 * 1000));
        streams.xadd(model, streams.event(new Served(model, "3", "exp-r", "treatment", 42,
                new long[] { 7, 8, 9 }, new double[] { 4.9, 4.1, 3.0 }), requestId));

        PredictionStreamFixture.await(() -> storedFeedback(requestId) == 1, () -> "waiting feedback not stored");
        // counted once the transaction that moved it has committed
        PredictionStreamFixture.await(() -> counter("gateway_feedback_pending_matched_total") >= matched + 1,
                () -> "matched feedback not counted");
        // stored as if it had come after its list, with its own receipt time: 8 was at rank 2 with score
        // 4.1 -> RMSE |4.5 - 4.1| = 0.4
        given().contentType(ContentType.JSON).body(body(requestId, 42, 8, "rated", 4.5))
                .post("/api/v1/feedback").then().statusCode(200).body("receivedAt", equalTo(receivedAt));
        given().queryParam("model", model).get("/api/v1/quality").then().statusCode(200)
                .body("overall.rmse", closeTo(0.4, 1e-9)).body("byVersion.'3'.lists", equalTo(1))
                .body("byVariant.treatment.precisionAtK", closeTo(0.1, 1e-9));
    }

    @Test
    void waitingFeedbackOfAnotherUserIsDroppedAndUnmatchedFeedbackExpires() {
        String model = PredictionStreamFixture.uniqueModel("wait-user");
        double rejected = counter("gateway_feedback_pending_rejected_total");
        double expired = counter("gateway_feedback_pending_expired_total");
        String requestId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(body(requestId, 6, 1, "clicked", null))
                .post("/api/v1/feedback").then().statusCode(202);
        streams.xadd(model, streams.event(new Served(model, "1", null, null, 5, new long[] { 1 },
                new double[] { 3.0 }), requestId));
        String never = "never-served-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(body(never, 1, 2, "clicked", null))
                .post("/api/v1/feedback").then().statusCode(202);
        PredictionStreamFixture.await(() -> counter("gateway_feedback_pending_rejected_total") >= rejected + 1,
                () -> "feedback from another user than the list's was not dropped");
        assertEquals(0, storedFeedback(requestId));

        // the never-served one expires once it waited longer than gateway.feedback.pending-ttl (15 min)
        pool.preparedQuery("update feedback_unmatched set received_at = now() - interval '16 minutes' "
                + "where request_id = $1").execute(Tuple.of(never)).await().indefinitely();
        unmatched.sweep().await().indefinitely();
        assertTrue(counter("gateway_feedback_pending_expired_total") >= expired + 1);
        assertEquals(0L, pool.preparedQuery("select count(*) from feedback_unmatched where request_id = $1")
                .execute(Tuple.of(never)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void aWriteWhoseCommitComesAfterItsDeadlineIsRolledBackByTheServer() {
        // as when PostgreSQL froze after it received the COMMIT and woke up after the gateway answered 503
        long passed = System.currentTimeMillis() - 1;
        String requestId = streams.publish(new Served(PredictionStreamFixture.uniqueModel("late"), "1", null, null,
                5, new long[] { 1 }, new double[] { 3.0 }));
        FeedbackRequest late = new FeedbackRequest(requestId, 5L, 1L, null, "clicked");
        assertRefusedAtCommit(pool.withTransaction(conn -> repository.store(conn, late, passed)));
        assertEquals(0, storedFeedback(requestId));

        String notServed = "not-served-" + UUID.randomUUID();
        FeedbackRequest waiting = new FeedbackRequest(notServed, 5L, 1L, null, "clicked");
        assertRefusedAtCommit(pool.withTransaction(conn -> repository.storeUnmatched(conn, waiting, passed)));
        assertEquals(0L, pool.preparedQuery("select count(*) from feedback_unmatched where request_id = $1")
                .execute(Tuple.of(notServed)).await().indefinitely().iterator().next().getLong(0));

        // before the deadline it is stored
        long ahead = System.currentTimeMillis() + 60_000;
        pool.withTransaction(conn -> repository.store(conn, late, ahead)).await().indefinitely();
        assertEquals(1, storedFeedback(requestId));
    }

    private static void assertRefusedAtCommit(Uni<?> write) {
        Object outcome = write.map(Object.class::cast).onFailure().recoverWithItem(failure -> failure)
                .await().indefinitely();
        assertTrue(outcome instanceof Throwable failure && failure.getMessage().contains("commit deadline"),
                "committed after its deadline: " + outcome);
    }

    private long storedFeedback(String requestId) {
        return pool.preparedQuery("select count(*) from feedback where request_id = $1").execute(Tuple.of(requestId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void feedbackFromAnotherUserThanTheListWasServedToIsRefused() {
        String requestId = streams.publish(new Served(PredictionStreamFixture.uniqueModel("user"), "1", null, null,
                5, new long[] { 1 }, new double[] { 3.0 }));
        given().contentType(ContentType.JSON).body(body(requestId, 6, 1, "clicked", null))
                .post("/api/v1/feedback").then().statusCode(400).body("detail", containsString("userId"));
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemDeclaredOrChunked() throws Exception {
        // 64 KiB limit (application.properties); the crossing lies inside a field Jackson is reading
        byte[] body = ("{\"requestId\": \"" + "a".repeat(200_000) + "\", \"userId\": 1, \"movieId\": 2, "
                + "\"event\": \"clicked\"}").getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/feedback").then().statusCode(413).contentType("application/problem+json")
                .body("field", equalTo("body")).body("detail", containsString("65536 bytes"));
        // a body of unknown length goes out chunked, without Content-Length: the limit applies while it is read
        HttpResponse<String> chunked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(feedbackUri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(""));
        assertEquals("body", JsonPath.from(chunked.body()).getString("field"));
        assertTrue(JsonPath.from(chunked.body()).getString("detail").contains("65536 bytes"), chunked.body());
    }

    @Test
    void everyBadFieldIsAProblemNamingIt() {
        String id = "req-1";
        bad(body(null, 1, 2, "clicked", null), "requestId");
        bad(body(" ", 1, 2, "clicked", null), "requestId");
        bad(body("x".repeat(129), 1, 2, "clicked", null), "requestId");
        bad(body(id, null, 2, "clicked", null), "userId");
        bad(body(id, 0, 2, "clicked", null), "userId");
        bad(body(id, -3, 2, "clicked", null), "userId");
        bad(body(id, "abc", 2, "clicked", null), "userId");
        bad(body(id, 1.5, 2, "clicked", null), "userId");
        bad(body(id, 1, null, "clicked", null), "movieId");
        bad(body(id, 1, 0, "clicked", null), "movieId");
        bad(body(id, 1, 2, null, null), "event");
        bad(body(id, 1, 2, "liked", null), "event");
        bad(body(id, 1, 2, "rated", null), "rating");
        bad(body(id, 1, 2, "rated", 0.0), "rating");
        bad(body(id, 1, 2, "rated", 5.5), "rating");
        bad(body(id, 1, 2, "rated", 4.25), "rating");
        bad(body(id, 1, 2, "rated", "good"), "rating");
        bad(body(id, 1, 2, "clicked", 4.0), "rating");
        // control characters, overflow and non-finite numbers are bad input too (400, not 503 or 500)
        bad(body("a\u0000b", 1, 2, "clicked", null), "requestId");
        bad(body("a\u001bb", 1, 2, "clicked", null), "requestId");
        bad(body(id, new java.math.BigInteger("99999999999999999999999"), 2, "clicked", null), "userId");
        bad(body(id, 1, 2, "rated", 1e308), "rating");
        bad(body(id, 1, 2, "rated", -1e308), "rating");
        for (String nonFinite : new String[] {"NaN", "Infinity", "-Infinity"}) {
            given().contentType(ContentType.JSON).body("{\"requestId\":\"r\",\"userId\":1,\"movieId\":2,\"event\":\"rated\","
                    + "\"rating\":" + nonFinite + "}").post("/api/v1/feedback").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("[".repeat(10_000) + "]".repeat(10_000)).post("/api/v1/feedback").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("body"));
        given().contentType(ContentType.JSON).body("{\"requestId\": ").post("/api/v1/feedback").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("body"));
        given().contentType(ContentType.JSON).post("/api/v1/feedback").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("body"));
    }

    private static void bad(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/feedback").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("title", equalTo("Bad Request")).body("detail", containsString(field));
    }

    @Test
    void storedFeedbackIsCountedAndQualityGaugesFollow() throws InterruptedException {
        String model = PredictionStreamFixture.uniqueModel("gauges");
        String requestId = streams.publish(new Served(model, "5", "exp-g", "control", 77,
                new long[] { 3, 4 }, new double[] { 3.5, 2.0 }));
        double rated = counter("user_feedback_total\\{event=\"rated\"\\}");
        double conversions = counter("ab_test_conversions_total\\{experiment=\"exp-g\",variant=\"control\"\\}");
        double fours = counter("user_rating_bucket\\{le=\"4.0\"\\}");
        double fourAndHalfs = counter("user_rating_bucket\\{le=\"4.5\"\\}");
        given().contentType(ContentType.JSON).body(body(requestId, 77, 3, "rated", 4.0))
                .post("/api/v1/feedback").then().statusCode(201);
        given().contentType(ContentType.JSON).body(body(requestId, 77, 3, "rated", 4.0))
                .post("/api/v1/feedback").then().statusCode(200);
        assertEquals(rated + 1, counter("user_feedback_total\\{event=\"rated\"\\}"), "a repeat is not counted");
        assertEquals(conversions + 1,
                counter("ab_test_conversions_total\\{experiment=\"exp-g\",variant=\"control\"\\}"));
        assertEquals(fours + 1, counter("user_rating_bucket\\{le=\"4.0\"\\}"));
        assertEquals(fourAndHalfs + 1, counter("user_rating_bucket\\{le=\"4.5\"\\}"), "buckets are cumulative");

        // one list, rating 4.0 on score 3.5: RMSE = MAE = 0.5, P@10 = 0.1, R@10 = 1, NDCG = 1, mean rating 4
        String labels = "\\{model=\"" + model + "\",variant=\"control\",version=\"5\"\\}";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Double.isNaN(gauge("model_rmse" + labels)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(0.5, gauge("model_rmse" + labels), 1e-9);
        assertEquals(0.5, gauge("model_mae" + labels), 1e-9);
        assertEquals(0.1, gauge("model_precision_at_k" + labels), 1e-9);
        assertEquals(1.0, gauge("model_recall_at_k" + labels), 1e-9);
        assertEquals(1.0, gauge("model_ndcg_at_k" + labels), 1e-9);
        assertEquals(1.0, gauge("recommendation_acceptance_rate" + labels), 1e-9);
        assertEquals(4.0, gauge("user_satisfaction_score" + labels), 1e-9);
        assertEquals(1.0, gauge("user_engagement_rate" + labels), 1e-9);
    }

    @Test
    void aHalfStepRatingFallsIntoItsOwnBucket() {
        String requestId = streams.publish(new Served(PredictionStreamFixture.uniqueModel("buckets"), "1", null,
                null, 78, new long[] { 3 }, new double[] { 3.5 }));
        double fours = counter("user_rating_bucket\\{le=\"4.0\"\\}");
        double fourAndHalfs = counter("user_rating_bucket\\{le=\"4.5\"\\}");
        given().contentType(ContentType.JSON).body(body(requestId, 78, 3, "rated", 4.5))
                .post("/api/v1/feedback").then().statusCode(201);
        assertEquals(fours, counter("user_rating_bucket\\{le=\"4.0\"\\}"));
        assertEquals(fourAndHalfs + 1, counter("user_rating_bucket\\{le=\"4.5\"\\}"));
    }

    private static double counter(String sample) {
        double value = gauge(sample);
        return Double.isNaN(value) ? 0 : value;
    }

    /** The value of a sample in the Prometheus text on the management port, NaN when absent. */
    private static double gauge(String sample) {
        String text = given().get(METRICS).then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + sample + " (\\S+)").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    @Test
    void metricsAreExposedOnTheManagementPort() {
        String text = given().get(METRICS).then().statusCode(200).extract().asString();
        assertTrue(text.contains("user_feedback_total"), "user_feedback_total exported");
        assertTrue(text.contains("user_rating_bucket"), "user_rating histogram exported");
        assertTrue(text.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                        && line.contains("uri=\"/api/v1/feedback\"") && line.contains("le=\"5.0E-4\"")),
                "HTTP latency histogram with the 0.5 ms bucket, for p95/p99 rules");
    }
}
