package dev.recsys.drift.monitor.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.reference.AdminReferenceRepository;
import dev.recsys.drift.monitor.reference.BaselineReader;
import dev.recsys.drift.monitor.reference.InvalidReferenceException;
import dev.recsys.drift.monitor.reference.ReferenceOrigin;
import dev.recsys.drift.monitor.reference.ReferenceProfile;
import dev.recsys.drift.monitor.reference.ReferenceService;
import dev.recsys.drift.monitor.reference.RepositoryReferences;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference sources over real Redis and PostgreSQL: production baselines, registration before launch, naming. */
@QuarkusTest
class ReferenceSourcesTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String PROBLEM = "application/problem+json";
    private static final long MINUTE = 60_000;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    AdminReferenceRepository adminReferences;
    @Inject
    Database db;
    @Inject
    RepositoryReferences repositoryReferences;
    @Inject
    PredictionStreams streams;
    @Inject
    MonitorConfig config;
    @Inject
    ObjectMapper json;

    @Test
    void productionBaselineIsNamedUsedAndSurvivesARestart() throws Exception {
        String model = "baseline-model";
        fixtures.reset(model);
        // the repository reference is shifted: a window of normal traffic drifts from it, not from the baseline
        TrafficGenerator shifted = new TrafficGenerator(50);
        shifted.shiftMean = true;
        fixtures.repository(model, 1, shifted.reference(1500));
        long from = System.currentTimeMillis() - 10 * MINUTE;
        long to = from + MINUTE;
        fixtures.writeHistoric(model, "1", new TrafficGenerator(51), 600, from, to);
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(52), 400, now - 30_000, now);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("baseline", Map.of("from", from, "to", to)))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(200)
                .body("source", equalTo("baseline"))
                .body("samples", equalTo(600))
                .body("reference.from", equalTo(from))
                .body("reference.to", equalTo(to))
                .body("reference.events", equalTo(600))
                .body("reference.updatedAt", notNullValue());

        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200)
                .body("samples", equalTo(400))
                .body("reference.source", equalTo("baseline"))
                .body("features.user_mean_rating.driftDetected", equalTo(false))
                .body("dataset.driftDetected", equalTo(false));
        given().get("/api/v1/drift/models/{m}/status", model).then().statusCode(200)
                .body("reference.source", equalTo("baseline"))
                .body("reference.from", equalTo(from))
                .body("reference.to", equalTo(to))
                .body("reference.events", equalTo(600))
                .body("reference.samples", equalTo(600));
        String report = given().get("/api/v1/drift/models/{m}/report", model).then().statusCode(200).extract().asString();
        assertTrue(report.contains("production baseline " + Instant.ofEpochMilli(from) + " – "
                + Instant.ofEpochMilli(to) + " (600 events"), "the report names the baseline range");

        // a restarted instance rebuilds it from PostgreSQL alone
        ReferenceProfile restarted = new ReferenceService(adminReferences, repositoryReferences,
                new BaselineReader(streams, config), json, db).resolve(model, "1").orElseThrow();
        assertEquals(ReferenceOrigin.BASELINE, restarted.source());
        assertEquals(from, restarted.origin().from());
        assertEquals(to, restarted.origin().to());
        assertEquals(600, restarted.samples());

        // a shifted window drifts from the baseline
        TrafficGenerator shiftedLive = new TrafficGenerator(53);
        shiftedLive.shiftMean = true;
        now = System.currentTimeMillis();
        fixtures.write(model, "1", shiftedLive, 1200, now - 30_000, now);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200)
                .body("reference.source", equalTo("baseline"))
                .body("features.user_mean_rating.driftDetected", equalTo(true));

        // cleared: the repository reference applies again and is named by version and relative file
        given().header("Authorization", ADMIN).delete("/api/v1/drift/models/{m}/reference", model).then().statusCode(204);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200)
                .body("reference.source", equalTo("repository"))
                .body("reference.version", equalTo("1"))
                .body("reference.file", equalTo(model + "/1/reference.json"));
        String repositoryReport = given().get("/api/v1/drift/models/{m}/report", model).then().extract().asString();
        assertTrue(repositoryReport.contains("repository version 1 (" + model + "/1/reference.json), 1500 samples"));
        String absolute = Path.of("target/test-models").toAbsolutePath().toString();
        String status = given().get("/api/v1/drift/models/{m}/status", model).then().extract().asString();
        assertTrue(!repositoryReport.contains(absolute) && !status.contains(absolute), "no absolute paths");
    }

    @Test
    void badBaselinesAre400NamingTheField() throws Exception {
        String model = "bad-baseline-model";
        fixtures.reset(model);
        long from = System.currentTimeMillis() - 10 * MINUTE;
        fixtures.writeHistoric(model, "1", new TrafficGenerator(60), 300, from, from + MINUTE);

        assertBadBaseline(model, "{\"baseline\": 5}", "baseline");
        assertBadBaseline(model, "{\"baseline\": {\"to\": " + (from + MINUTE) + "}}", "baseline.from");
        assertBadBaseline(model, "{\"baseline\": {\"from\": \"yesterday\", \"to\": " + (from + MINUTE) + "}}",
                "baseline.from");
        assertBadBaseline(model, "{\"baseline\": {\"from\": " + from + "}}", "baseline.to");
        assertBadBaseline(model, "{\"baseline\": {\"from\": " + (from + MINUTE) + ", \"to\": " + from + "}}",
                "baseline.from");
        assertBadBaseline(model, "{\"baseline\": {\"from\": " + from + ", \"to\": " + (from + MINUTE) + "},"
                + " \"features\": {\"user_mean_rating\": [3.5]}}", "body");
        long future = System.currentTimeMillis() + 10 * MINUTE;
        assertBadBaseline(model, "{\"baseline\": {\"from\": " + from + ", \"to\": " + future + "}}", "baseline.to");
        // older than the stream holds: the range would be silently incomplete
        assertBadBaseline(model, "{\"baseline\": {\"from\": " + (from - MINUTE) + ", \"to\": " + (from + MINUTE) + "}}",
                "baseline.from");
        // 100 events, fewer than min-samples (200)
        String tooFew = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"baseline\": {\"from\": " + from + ", \"to\": " + (from + MINUTE / 3) + "}}")
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400).contentType(PROBLEM)
                .extract().path("detail");
        assertTrue(tooFew.startsWith("baseline: the range holds 100 events, fewer than the 200"), tooFew);
        // a model without events cannot have a baseline yet
        fixtures.reset("no-events-model");
        assertBadBaseline("no-events-model", "{\"baseline\": {\"from\": " + from + ", \"to\": " + (from + MINUTE) + "}}",
                "baseline");
        assertTrue(adminReferences.find(model).isEmpty(), "nothing stored by a rejected baseline");

        // more events than the cap (drift.exact-cap; 300 here, so the test stays small)
        MonitorConfig smallCap = (MonitorConfig) Proxy.newProxyInstance(MonitorConfig.class.getClassLoader(),
                new Class<?>[]{MonitorConfig.class},
                (proxy, method, args) -> method.getName().equals("exactCap") ? 299 : method.invoke(config, args));
        InvalidReferenceException tooMany = assertThrows(InvalidReferenceException.class,
                () -> new BaselineReader(streams, smallCap).read(model,
                        json.readTree("{\"from\": " + from + ", \"to\": " + (from + MINUTE) + "}")));
        assertEquals("baseline", tooMany.field());
        assertTrue(tooMany.getMessage().contains("more than 299 events"), tooMany.getMessage());
        assertEquals(300, new BaselineReader(streams, config).read(model,
                json.readTree("{\"from\": " + from + ", \"to\": " + (from + MINUTE) + "}")).events());
    }

    @Test
    void referenceRegistersAModelBeforeLaunch() throws Exception {
        String model = "prelaunch-model";
        fixtures.reset(model);
        given().get("/api/v1/drift/models/{m}/status", model).then().statusCode(404);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(new TrafficGenerator(70).reference(1000))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(200)
                .body("source", equalTo("admin")).body("samples", equalTo(1000));

        given().get("/api/v1/drift/models").then().statusCode(200).body("models.model", hasItem(model));
        given().get("/api/v1/drift/models/{m}/status", model).then().statusCode(200)
                .body("status", equalTo("insufficient_data"))
                .body("samples", equalTo(0))
                .body("reference.source", equalTo("admin"))
                .body("reference.updatedAt", notNullValue());
        given().get("/api/v1/drift/models/{m}/report", model).then().statusCode(200)
                .body(containsString("admin upload at "));

        // launch: events arrive and are evaluated against the uploaded reference
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(71), 400, now - 30_000, now);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("samples", equalTo(400))
                .body("reference.source", equalTo("admin"))
                .body("features.user_mean_rating.driftDetected", equalTo(false))
                .body("dataset.features", equalTo(7));

        // unregistered: a model with neither stream nor reference is unknown again
        fixtures.reset(model);
        given().get("/api/v1/drift/models").then().statusCode(200).body("models.model", not(hasItem(model)));
    }

    private static void assertBadBaseline(String model, String body, String field) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(400).contentType(PROBLEM)
                .body("detail", startsWith(field + ": "));
    }
}
