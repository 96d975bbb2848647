package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.sketch.Poison;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running loop: a new stream is found and evaluated within an interval; sketches and lag are exported, and the
 * model's counters exist from the start.
 */
@QuarkusTest
@TestProfile(SchedulerTest.SchedulerOn.class)
class SchedulerTest {

    public static class SchedulerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drift.scheduler-enabled", "true");
        }
    }

    @Inject
    MonitorFixtures fixtures;

    @Test
    void aNewStreamIsPickedUpEvaluatedAndConsumed() throws Exception {
        String model = "fresh-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(60).reference(1000));
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(61), 500, now - 30_000, now);

        // interval 2 s, tick 1 s: listed and evaluated within a few seconds
        long deadline = System.currentTimeMillis() + 15_000;
        Object status = null;
        while (System.currentTimeMillis() < deadline && !"ok".equals(status)) {
            Thread.sleep(500);
            // 404 problem (its "status" is the HTTP code) until the first evaluation
            status = given().get("/api/v1/drift/models/{m}/status", model).then().extract().path("status");
        }
        assertTrue("ok".equals(status), "evaluated by the scheduler, got " + status);
        given().get("/api/v1/drift/models").then().statusCode(200)
                .body("models.model", org.hamcrest.Matchers.hasItem(model));

        String metrics = "";
        while (System.currentTimeMillis() < deadline + 10_000
                && !metrics.contains("prediction_events_consumed_total{model=\"fresh-model\"} 500.0")) {
            Thread.sleep(500);
            metrics = given().port(managementPort()).get("/q/metrics").then().extract().asString();
        }
        assertTrue(metrics.contains("prediction_events_consumed_total{model=\"fresh-model\"} 500.0"), metrics);
        assertTrue(metrics.contains("drift_consumer_lag_events{model=\"fresh-model\"}"));
        assertTrue(metrics.contains("data_drift_score{feature=\"rec_top_genre\""));
        // issue 12, item 7: once the model is watched, every outcome is exported, those it never had at 0
        for (String result : DriftMetrics.RESULTS) {
            String series = "drift_evaluations_total{model=\"fresh-model\",result=\"" + result + "\"} ";
            assertTrue(metrics.contains(series), series + "missing");
        }
        assertTrue(metrics.contains("drift_evaluations_total{model=\"fresh-model\",result=\"error\"} 0.0"));
        assertTrue(metrics.contains("data_quality_violations_total{check=\"missing\",model=\"fresh-model\"} "),
                "every data-quality check is counted from the start");
        for (String reason : Poison.REASONS) {
            String series = "drift_deadletter_events_total{model=\"fresh-model\",reason=\"" + reason + "\"} 0.0";
            assertTrue(metrics.contains(series), series + " missing");
        }
    }

    /** The management test port (19081 unless overridden). */
    private static int managementPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class);
    }
}
