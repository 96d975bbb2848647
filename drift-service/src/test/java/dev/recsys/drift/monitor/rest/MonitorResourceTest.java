package dev.recsys.drift.monitor.rest;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.reference.AdminReferenceRepository;
import dev.recsys.drift.monitor.service.WindowEvaluator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitoring API over real Redis and PostgreSQL. */
@QuarkusTest
class MonitorResourceTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final long MINUTE = 60_000;
    private static final String PROBLEM = "application/problem+json";

    @Inject
    MonitorFixtures fixtures;
    @Inject
    WindowEvaluator evaluator;
    @Inject
    AdminReferenceRepository adminReferences;

    @Test
    void statusOfAnEvaluatedModelHasTheCompareShape() throws Exception {
        String model = "status-model";
        prepare(model, 400);

        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model)
                .then().statusCode(200).body("status", equalTo("ok"));

        given().get("/api/v1/drift/models/{m}/status", model).then().statusCode(200)
                .body("model", equalTo(model))
                .body("status", equalTo("ok"))
                .body("mode", equalTo("exact"))
                .body("samples", equalTo(400))
                .body("features.user_mean_rating.method", equalTo("ks"))
                .body("features.user_mean_rating.type", equalTo("numerical"))
                .body("features.user_mean_rating.effectSize.measure", equalTo("ks_d"))
                .body("features.user_segment.method", equalTo("chisquare_2s"))
                .body("features.user_segment", hasKey("statistic"))
                .body("features.user_segment.threshold", anyOf(equalTo(1e-5f), equalTo(1e-5)))
                .body("features.user_segment.alpha", anyOf(equalTo(1e-5f), equalTo(1e-5)))
                .body("features.user_segment.thresholdSource", equalTo("auto:p-value"))
                .body("features.user_segment.effectSize.measure", equalTo("max_share_change"))
                .body("features.user_segment.effectSize", hasKey("category"))
                .body("features.user_segment", hasKey("driftDetected"))
                .body("dataset.features", equalTo(7))
                .body("dataset", hasKey("share"));
        given().get("/api/v1/drift/models").then().statusCode(200)
                .body("models.model", hasItem(model));
    }

    @Test
    void unknownModelIsAProblem404() {
        given().get("/api/v1/drift/models/{m}/status", "no-such-model").then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404)).body("detail", containsString("no-such-model"));
        given().get("/api/v1/drift/models/{m}/report", "no-such-model").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void modelNamesOutsideThePatternAre400() {
        for (String bad : List.of("bad name", "x".repeat(65), "semi;colon")) {
            given().get("/api/v1/drift/models/{m}/status", bad).then().statusCode(400)
                    .contentType(PROBLEM).body("title", equalTo("Bad Request")).body("detail", containsString("model"));
        }
    }

    @Test
    void adminCallsNeedTheToken() throws Exception {
        String model = "guarded-model";
        prepare(model, 50);
        given().post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer wrong").post("/api/v1/drift/models/{m}/evaluate", model)
                .then().statusCode(403).contentType(PROBLEM);
        // one rule in every service: another scheme is 401 with the Bearer challenge, the scheme's case does not matter
        given().header("Authorization", "Basic dXNlcjpwYXNz").post("/api/v1/drift/models/{m}/evaluate", model)
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer realm=\"admin\"");
        given().header("Authorization", "bearer test-admin-token").post("/api/v1/drift/models/{m}/evaluate", model)
                .then().statusCode(200);
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body(Map.of("features", Map.of("user_mean_rating", List.of(1.0))))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(403);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model)
                .then().statusCode(200).body("status", equalTo("insufficient_data")).body("samples", equalTo(50));
    }

    @Test
    void adminReferenceTakesPrecedenceIsPersistedAndCanBeCleared() throws Exception {
        String model = "admin-ref-model";
        prepare(model, 1000);
        TrafficGenerator shifted = new TrafficGenerator(31);
        shifted.shiftMean = true;
        Map<String, Object> reference = shifted.reference(1500);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(reference)
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(200)
                .body("source", equalTo("admin")).body("samples", equalTo(1500));
        assertTrue(adminReferences.find(model).isPresent(), "stored in PostgreSQL, so a restart keeps it");

        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200)
                .body("reference.source", equalTo("admin"))
                .body("features.user_mean_rating.driftDetected", equalTo(true));

        given().header("Authorization", ADMIN).delete("/api/v1/drift/models/{m}/reference", model).then().statusCode(204);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200)
                .body("reference.source", equalTo("repository"))
                .body("features.user_mean_rating.driftDetected", equalTo(false));
    }

    @Test
    void referenceAsCsv() throws Exception {
        String model = "csv-ref-model";
        prepare(model, 10);
        String csv = "user_segment,user_mean_rating\ncasual,3.5\nheavy,4.1\n\"light\",\ncold,2.9\n";
        given().header("Authorization", ADMIN).contentType("text/csv").body(csv)
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(200)
                .body("samples", equalTo(4)).body("features", hasItem("user_mean_rating"));
    }

    @Test
    void badReferencesAre400NamingTheField() throws Exception {
        String model = "bad-ref-model";
        prepare(model, 10);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("features", Map.of("user_mean_rating", List.of(3.5), "shoe_size", List.of(42))))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("features.shoe_size"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("features", Map.of()))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400)
                .body("detail", containsString("features"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("features", Map.of("user_mean_rating", List.of())))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400)
                .body("detail", containsString("features.user_mean_rating"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"features\": [1, 2]}")
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400)
                .body("detail", containsString("features"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{not json")
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400)
                .body("detail", containsString("body"));
    }

    @Test
    void reportDrawsEveryFeatureAndLinksSampleTraces() throws Exception {
        String model = "report-model";
        prepare(model, 400);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200);
        String traceId = given().get("/api/v1/drift/models/{m}/status", model).then().extract()
                .path("sampleTraces[0].traceId");

        String html = given().get("/api/v1/drift/models/{m}/report", model).then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String feature : TrafficGenerator.FEATURES) {
            assertTrue(html.contains("<h3 id=\"f-" + feature + "\">"), feature + " has a chart section");
        }
        for (String feature : TrafficGenerator.FEATURES) {
            assertEquals(1, count(html, "aria-label=\"" + feature + ": reference vs current\""), feature + " chart");
        }
        assertTrue(count(html, "<rect ") >= 7 * 2 * 4, "reference and current bars");
        assertTrue(html.contains("href=\"http://jaeger.test:16686/trace/" + traceId + "\""));
        assertTrue(html.contains("400"), "sample count");
        assertTrue(html.contains("<th>α</th><th>Derivation</th><th>Effect size</th>"), "calibration columns");
        assertTrue(html.contains("<td>chisquare_2s</td>") && html.contains("auto:p-value") && html.contains("max_share_change"),
                "method, derivation and effect size per feature");
        assertTrue(!html.contains("<script") && !html.contains("http://cdn") && !html.contains("<link "), "self-contained");
    }

    @Test
    void historyByFeatureAndTime() throws Exception {
        String model = "history-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(40).reference(1000));
        long first = System.currentTimeMillis() - 3 * MINUTE;
        fixtures.writeHistoric(model, "1", new TrafficGenerator(41), 900, first, first + 3 * MINUTE);
        for (int w = 1; w <= 3; w++) {
            evaluator.evaluateAndPublish(model, first + w * MINUTE);
        }
        // the same window again (another replica, a restart) adds no row
        evaluator.evaluateAndPublish(model, first + 3 * MINUTE);

        given().get("/api/v1/drift/models/{m}/history?feature=user_segment&from={f}&to={t}", model, first,
                        first + 3 * MINUTE).then().statusCode(200)
                .body("evaluations", hasSize(3))
                .body("evaluations[0].windowEnd", equalTo(first + MINUTE))
                .body("evaluations[0].features", hasKey("user_segment"))
                .body("evaluations[0].features", not(hasKey("user_mean_rating")))
                .body("evaluations[2].features.user_segment.method", equalTo("chisquare_2s"));
        given().get("/api/v1/drift/models/{m}/history?from={f}&to={t}", model, first + 2 * MINUTE, first + 2 * MINUTE)
                .then().statusCode(200)
                .body("evaluations", hasSize(1))
                .body("evaluations[0].features.size()", equalTo(7))
                .body("evaluations[0].samples", equalTo(300));
        given().get("/api/v1/drift/models/{m}/history?from=yesterday", model).then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("from"));
        given().get("/api/v1/drift/models/{m}/history?from=20&to=10", model).then().statusCode(400)
                .body("detail", containsString("from"));
        given().urlEncodingEnabled(false).get("/api/v1/drift/models/{m}/history?feature=a%00b", model).then()
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("feature"));
        given().get("/api/v1/drift/models/{m}/history?from=99999999999999999999", model).then().statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("from"));
        given().get("/api/v1/drift/models/{m}/history?from=0&to=4102444800000", model).then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("366 days"));
        given().get("/api/v1/drift/models/{m}/history?limit=0", model).then().statusCode(400)
                .body("detail", containsString("limit"));
    }

    @Test
    void driftMetricsOnTheManagementPort() throws Exception {
        String model = "metrics-model";
        prepare(model, 400);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200);

        String metrics = given().port(managementPort()).get("/q/metrics").then().statusCode(200).extract().asString();

        String drift = metrics.lines().filter(line -> line.contains("metrics-model") || line.contains("drift_evaluation"))
                .reduce("", (a, b) -> a + "\n" + b);
        for (String expected : List.of(
                "data_drift_score{feature=\"user_mean_rating\",method=\"ks\",model=\"metrics-model\"}",
                "data_drift_detected{feature=\"user_segment\",model=\"metrics-model\"}",
                "dataset_drift_share{model=\"metrics-model\"}",
                "dataset_drift_detected{model=\"metrics-model\"}",
                "drift_window_samples{model=\"metrics-model\"} 400.0",
                "drift_evaluations_total{model=\"metrics-model\",result=\"ok\"}",
                "drift_evaluation_duration_seconds_bucket")) {
            assertTrue(metrics.contains(expected), expected + " in" + drift);
        }
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                        && line.contains("uri=\"/api/v1/drift/models/{model}/evaluate\"") && line.contains("le=\"5.0E-4\"")),
                "HTTP latency histogram with the 0.5 ms bucket, for p95/p99 rules");
    }

    /** A model with repository version 1 and {@code events} same-distribution events in the last minute. */
    private void prepare(String model, int events) throws Exception {
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(30).reference(1500));
        long now = System.currentTimeMillis();
        // event times in the last 30 s: the window (1 min) still holds all of them on a slow machine
        fixtures.write(model, "1", new TrafficGenerator(model.hashCode()), events, now - 30_000, now);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    /** The management test port (19081 unless overridden). */
    private static int managementPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class);
    }
}
