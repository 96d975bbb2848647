package dev.recsys.drift.monitor.archive;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archived drift reports over real Redis and PostgreSQL: when they are kept, how they are listed and served. */
@QuarkusTest
class ReportArchiveTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String PROBLEM = "application/problem+json";
    /** drift-share 0.2 in the test profile: the three drifting features of the generator make dataset drift. */
    private static final String MODEL = "archive-model";

    @Inject
    MonitorFixtures fixtures;
    @Inject
    RedisDataSource redis;
    @Inject
    ReportArchive archive;
    @Inject
    ReportArchiveRepository repository;

    @Test
    void aReportIsArchivedWhenTheDatasetVerdictChangesAndListedNewestFirst() throws Exception {
        fixtures.reset(MODEL);
        fixtures.repository(MODEL, 1, new TrafficGenerator(30).reference(1500));
        writeWindow(false);

        evaluate().body("dataset.driftDetected", equalTo(false));
        evaluate().body("dataset.driftDetected", equalTo(false));
        JsonPath first = reports().body("reports", hasSize(1)).extract().jsonPath();
        assertEquals("no_drift", first.getString("reports[0].verdict"));
        assertEquals("verdict_change", first.getString("reports[0].reason"), "a model's first report");

        writeWindow(true);
        evaluate().body("dataset.driftDetected", equalTo(true));
        JsonPath two = reports().body("reports", hasSize(2)).extract().jsonPath();
        assertEquals(List.of("drift", "no_drift"), two.getList("reports.verdict"));
        assertTrue(two.getLong("reports[0].time") >= two.getLong("reports[1].time"));
        assertTrue(two.getLong("reports[0].id") > two.getLong("reports[1].id"));

        String html = given().get(two.getString("reports[0].href")).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("Drift report: " + MODEL) && html.contains("DRIFT"), html);
        given().get("/api/v1/drift/models/{m}/reports/{id}", MODEL, two.getLong("reports[1].id")).then()
                .statusCode(200).body(containsString("no drift"));
    }

    @Test
    void theSameVerdictIsArchivedAgainOnlyAfterTheArchiveInterval() throws Exception {
        fixtures.reset(MODEL);
        fixtures.repository(MODEL, 1, new TrafficGenerator(30).reference(1500));
        writeWindow(false);
        Instant now = Instant.now();
        repository.save(MODEL, 1, now.minus(Duration.ofHours(23)), ReportArchive.NO_DRIFT, ReportArchive.VERDICT_CHANGE,
                "<html>earlier</html>");
        evaluate().body("dataset.driftDetected", equalTo(false));
        assertEquals(1, archive.list(MODEL, 10).size(), "same verdict 23 h after the last report: not archived");

        fixtures.reset(MODEL);
        fixtures.repository(MODEL, 1, new TrafficGenerator(30).reference(1500));
        repository.save(MODEL, 2, now.minus(Duration.ofHours(24).plusMinutes(1)), ReportArchive.NO_DRIFT,
                ReportArchive.VERDICT_CHANGE, "<html>a day ago</html>");
        writeWindow(false);
        evaluate();
        JsonPath listed = reports().body("reports", hasSize(2)).extract().jsonPath();
        assertEquals(List.of(ReportArchive.SCHEDULED, ReportArchive.VERDICT_CHANGE), listed.getList("reports.reason"));

        // retention (90 d by default) counts from the archive time; purge covers every model
        archive.purge(now.plus(Duration.ofDays(88)).toEpochMilli());
        reports().body("reports", hasSize(2));
        assertTrue(archive.purge(now.plus(Duration.ofDays(92)).toEpochMilli()) >= 2);
        reports().body("reports", hasSize(0));
    }

    @Test
    void unknownAndBadIdsAreProblems() throws Exception {
        fixtures.reset(MODEL);
        fixtures.repository(MODEL, 1, new TrafficGenerator(30).reference(1500));
        writeWindow(false);
        evaluate();
        long id = reports().extract().jsonPath().getLong("reports[0].id");

        given().get("/api/v1/drift/models/{m}/reports/{id}", MODEL, id + 1_000_000).then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString(Long.toString(id + 1_000_000)));
        given().get("/api/v1/drift/models/{m}/reports/{id}", "other-model", id).then().statusCode(404)
                .contentType(PROBLEM);
        for (String bad : List.of("abc", "0", "-3", "1.5")) {
            given().get("/api/v1/drift/models/{m}/reports/{id}", MODEL, bad).then().statusCode(400)
                    .contentType(PROBLEM).body("detail", containsString("id"));
        }
        given().get("/api/v1/drift/models/{m}/reports?limit=0", MODEL).then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("limit"));
        given().get("/api/v1/drift/models/{m}/reports", "bad name").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/drift/models/{m}/reports", "no-such-model").then().statusCode(404).contentType(PROBLEM);
    }

    /** A fresh stream of 400 events in the last 30 s, drifted or not. */
    private void writeWindow(boolean drifted) {
        redis.key().del("ml:predictions:" + MODEL);
        TrafficGenerator traffic = new TrafficGenerator(drifted ? 7 : 8);
        traffic.shiftMean = drifted;
        traffic.newGenre = drifted;
        traffic.segmentProportions = drifted;
        long now = System.currentTimeMillis();
        fixtures.write(MODEL, "1", traffic, 400, now - 30_000, now);
    }

    private static io.restassured.response.ValidatableResponse evaluate() {
        return given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", MODEL)
                .then().statusCode(200).body("status", equalTo("ok"));
    }

    private static io.restassured.response.ValidatableResponse reports() {
        return given().get("/api/v1/drift/models/{m}/reports", MODEL).then().statusCode(200)
                .contentType(containsString("application/json")).body("model", equalTo(MODEL));
    }
}
