package dev.recsys.drift.monitor.rest;

import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History over a week, as the gateway's weekly report reads it: 1,200 stored windows, the 100
 * oldest with drift. The plain answer holds the newest {@code limit} (1,000 by default) and misses
 * the oldest drift — what the report showed before it asked for steps; {@code step} counts them all.
 */
@QuarkusTest
class HistoryPeriodTest {

    private static final long WEEK = 7 * 24 * 3_600_000L;
    private static final long SPACING = WEEK / 1200;
    private static final long HOUR = 3_600_000L;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    Database db;

    @Test
    void aWeekIsCountedPerStepWhileLimitKeepsTheNewestWindows() throws Exception {
        String model = "week-model";
        fixtures.reset(model);
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(80), 5, now - 1_000, now);
        long from = (now / HOUR) * HOUR - WEEK;
        db.transaction(tx -> {
            tx.update("insert into drift_evaluation (model, window_start, window_end, evaluated_at, status, mode, samples, "
                    + "drifted_features, feature_count, drift_share, drift_detected) "
                    + "select ?, ? + i * ? - 900000, ? + i * ?, now(), 'ok', 'exact', 3000, "
                    + "case when i < 100 then 1 else 0 end, 2, case when i < 100 then 0.5 else 0.0 end, i < 100 "
                    + "from generate_series(0, 1199) as i", model, from, SPACING, from, SPACING);
            tx.update("insert into drift_feature_result (model, window_end, feature, method, type, statistic, threshold, "
                    + "drift_detected) select ?, ? + i * ?, f, 'ks', 'numerical', 0.1, 1e-5, f = 'user_segment' and i < 100 "
                    + "from generate_series(0, 1199) as i, unnest(array['user_segment', 'user_mean_rating']) as f",
                    model, from, SPACING);
            return null;
        });
        long to = from + 1199 * SPACING;

        // without step: the newest 1,000 windows, each with its feature rows; the 100 drifted ones are older
        JsonPath newest = given().get("/api/v1/drift/models/{m}/history?from={f}&to={t}", model, from, to)
                .then().statusCode(200).body("evaluations", hasSize(1000)).extract().jsonPath();
        assertEquals(from + 200 * SPACING, newest.getLong("evaluations[0].windowEnd"));
        assertEquals(0, newest.getList("evaluations.dataset.driftDetected").stream().filter(Boolean.TRUE::equals).count());
        assertEquals(2, newest.getMap("evaluations[999].features").size());
        // a range may span at most 366 days (docs/platform.md), so the whole week stands for "everything" here
        given().get("/api/v1/drift/models/{m}/history?from={f}&limit=3", model, from).then().statusCode(200)
                .body("evaluations", hasSize(3)).body("evaluations[0].windowEnd", equalTo(to - 2 * SPACING))
                .body("evaluations[0].features.size()", equalTo(2));

        // with step: every window of the week, counted per hour
        JsonPath steps = given().get("/api/v1/drift/models/{m}/history?from={f}&to={t}&step={s}", model, from, to, HOUR)
                .then().statusCode(200).body("step", equalTo((int) HOUR)).extract().jsonPath();
        List<Map<String, Object>> rows = steps.getList("evaluations");
        assertEquals(168, rows.size(), "one row per hour of the week");
        assertEquals(1200, rows.stream().mapToInt(row -> ((Number) row.get("evaluations")).intValue()).sum());
        assertEquals(100, rows.stream().mapToInt(row -> ((Number) row.get("drifted")).intValue()).sum());
        assertEquals(true, steps.getBoolean("evaluations[0].dataset.driftDetected"));
        assertEquals(0.5f, steps.getFloat("evaluations[0].dataset.share"));
        assertTrue(steps.getInt("evaluations[0].features.user_segment.drifted") > 0);
        assertEquals(Map.of(), steps.getMap("evaluations[167].features"), "no drifted feature in the last hour");
        given().get("/api/v1/drift/models/{m}/history?from={f}&to={t}&step={s}&feature=user_mean_rating", model, from,
                to, HOUR).then().statusCode(200).body("evaluations[0].features.size()", equalTo(0));

        // steps are bounded too: at most 10,000 rows
        given().get("/api/v1/drift/models/{m}/history?from={f}&to={t}&step=1000", model, from, to).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("step"));
        given().get("/api/v1/drift/models/{m}/history?step=soon", model).then().statusCode(400)
                .body("detail", containsString("step"));
    }
}
