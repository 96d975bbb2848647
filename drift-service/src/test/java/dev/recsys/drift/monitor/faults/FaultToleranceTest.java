package dev.recsys.drift.monitor.faults;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.history.HistoryWriter;
import dev.recsys.drift.common.db.Database;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor through PostgreSQL and Redis outages, on private servers ({@link PrivateServers})
 * that this test stops and freezes, with the monitor loop running (interval 2 s, tick 1 s).
 */
@QuarkusTest
@TestProfile(FaultToleranceTest.Faults.class)
@QuarkusTestResource(value = PrivateServers.class, restrictToAnnotatedClass = true)
class FaultToleranceTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String PROBLEM = "application/problem+json";
    private static final long INTERVAL = 2_000;
    private static final long OUTAGE_MS = 30_000;

    public static class Faults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a 10 s hang at a 2 s interval misses 5 windows: caught up by the next round
            return Map.of("drift.scheduler-enabled", "true", "drift.catch-up-windows", "10");
        }
    }

    @Inject
    MonitorFixtures fixtures;
    @Inject
    HistoryWriter history;
    @Inject
    Database db;

    @Test
    void postgresStoppedThenFrozenLosesNoHistoryWindowAndEvaluationGoesOn() throws Exception {
        String model = "outage-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(70).reference(1000));
        TrafficGenerator traffic = new TrafficGenerator(71);
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", traffic, 400, now - 20_000, now);
        // an admin reference: during the outage it can only come from the cache
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(traffic.reference(800))
                .put("/api/v1/drift/models/{m}/reference", model).then().statusCode(200);
        long firstStored = awaitStoredWindow(model, System.currentTimeMillis(), 20_000);

        PrivateServers.stopPostgres();
        long stoppedAt = System.currentTimeMillis();
        Outage stopped;
        try {
            stopped = watchOutage(model, stoppedAt + OUTAGE_MS, traffic);
            given().get("/api/v1/drift/models/{m}/history", model).then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", notNullValue());
            Response evaluated = given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model);
            evaluated.then().statusCode(200).body("status", equalTo("ok"))
                    .body("degraded[0].dependency", equalTo("postgresql"))
                    .body("degraded[0].queued", org.hamcrest.Matchers.greaterThan(0));
        } finally {
            PrivateServers.startPostgres();
        }

        // let the loop see PostgreSQL again, then freeze it: connections open, nothing answers
        awaitQueueEmpty(60_000);
        PrivateServers.freezePostgres();
        long frozenAt = System.currentTimeMillis();
        Outage frozen;
        try {
            frozen = watchOutage(model, frozenAt + OUTAGE_MS, traffic);
            given().port(managementPort()).get("/q/health/live").then().statusCode(200)
                    .body("checks.find { it.name == 'drift-monitor-loops' }.status", equalTo("UP"));
        } finally {
            PrivateServers.thawPostgres();
        }
        long drained = awaitQueueEmpty(60_000);
        long lastEnd = dueEnd(System.currentTimeMillis()) - 2 * INTERVAL;

        List<Long> ends = db.query("select window_end from drift_evaluation where model = ? and window_end % ? = 0 "
                + "and window_end >= ? and window_end <= ? order by window_end", row -> row.getLong(1), model, INTERVAL,
                firstStored, lastEnd);
        long expected = (lastEnd - firstStored) / INTERVAL + 1;
        System.out.printf("FAULTS: PostgreSQL stopped %d s: %d windows evaluated meanwhile (%s), queue peak %d; "
                        + "frozen %d s: %d windows evaluated meanwhile, longest status gap %d ms, queue peak %d; "
                        + "queue written %d ms after thaw; history holds %d of %d aligned windows%n",
                OUTAGE_MS / 1000, stopped.windows(), stopped.references(), stopped.queuePeak(), OUTAGE_MS / 1000,
                frozen.windows(), frozen.longestGap(), frozen.queuePeak(), drained, ends.size(), expected);
        assertEquals(expected, ends.size(), "every aligned window from " + firstStored + " to " + lastEnd
                + " has its history row: " + ends);
        assertTrue(stopped.windows() >= OUTAGE_MS / INTERVAL / 2, "evaluation went on while PostgreSQL was stopped");
        assertTrue(frozen.windows() >= OUTAGE_MS / INTERVAL / 4, "evaluation went on while PostgreSQL was frozen");
        assertEquals(List.of("admin"), stopped.references(), "the cached admin reference was used");
        assertTrue(stopped.queuePeak() > 0 && frozen.queuePeak() > 0, "history was queued during both outages");
    }

    @Test
    void redisDownAnswers503WithRetryAfterAndRecovers() throws Exception {
        String model = "redis-outage-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(72).reference(1000));
        long now = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(73), 300, now - 20_000, now);
        given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then().statusCode(200);

        PrivateServers.stopRedis();
        try {
            for (String path : List.of("/api/v1/drift/models/" + model + "/status",
                    "/api/v1/drift/models/" + model + "/report", "/api/v1/drift/models")) {
                given().get(path).then().statusCode(503).contentType(PROBLEM).header("Retry-After", notNullValue())
                        .body("status", equalTo(503));
            }
            given().header("Authorization", ADMIN).post("/api/v1/drift/models/{m}/evaluate", model).then()
                    .statusCode(503).contentType(PROBLEM);
            given().port(managementPort()).get("/q/health/live").then().statusCode(200);
        } finally {
            PrivateServers.startRedis();
        }
        // this Redis keeps nothing across a restart: the recommender's next events recreate the stream
        long restarted = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(74), 300, restarted - 5_000, restarted);
        long deadline = restarted + 30_000;
        int code = 0;
        while (System.currentTimeMillis() < deadline && code != 200) {
            Thread.sleep(500);
            code = given().get("/api/v1/drift/models/{m}/status", model).then().extract().statusCode();
        }
        System.out.printf("FAULTS: Redis stopped: status, report, models and evaluate answered 503 with Retry-After; "
                + "status 200 again %d ms after Redis restarted%n", System.currentTimeMillis() - restarted);
        assertEquals(200, code, "the monitor loop evaluates the model again by itself");
        given().port(managementPort()).get("/q/health/live").then().statusCode(200);
    }

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    private record Outage(int windows, long longestGap, long queuePeak, List<String> references) {
    }

    /** Polls the status until {@code until}, writing fresh events; counts the window ends it saw. */
    private Outage watchOutage(String model, long until, TrafficGenerator traffic) throws InterruptedException {
        long lastEnd = 0;
        long lastChange = System.currentTimeMillis();
        long longestGap = 0;
        long queuePeak = 0;
        int windows = 0;
        java.util.Set<String> references = new java.util.TreeSet<>();
        long nextWrite = 0;
        while (System.currentTimeMillis() < until) {
            long now = System.currentTimeMillis();
            if (now >= nextWrite) {
                fixtures.write(model, "1", traffic, 200, now - 5_000, now);
                nextWrite = now + 5_000;
            }
            Response status = given().get("/api/v1/drift/models/{m}/status", model);
            status.then().statusCode(200);
            long end = status.jsonPath().getLong("windowEnd");
            if (end != lastEnd) {
                if (lastEnd != 0) {
                    windows++;
                    longestGap = Math.max(longestGap, now - lastChange);
                }
                lastEnd = end;
                lastChange = now;
                String source = status.jsonPath().getString("reference.source");
                if (source != null) {
                    references.add(source);
                }
            }
            queuePeak = Math.max(queuePeak, history.queued());
            Thread.sleep(250);
        }
        return new Outage(windows, longestGap, queuePeak, List.copyOf(references));
    }

    private long awaitStoredWindow(String model, long after, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            List<Long> ends = db.query("select window_end from drift_evaluation where model = ? and window_end % ? = 0 "
                    + "and window_end > ? order by window_end limit 1", row -> row.getLong(1), model, INTERVAL, after);
            if (!ends.isEmpty()) {
                return ends.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no window of " + model + " stored within " + timeoutMs + " ms");
    }

    /** @return ms until the history queue was empty */
    private long awaitQueueEmpty(long timeoutMs) throws InterruptedException {
        long started = System.currentTimeMillis();
        while (history.queued() > 0 || db.availability().downSince().isPresent()) {
            if (System.currentTimeMillis() - started > timeoutMs) {
                throw new AssertionError("history queue still holds " + history.queued() + " after " + timeoutMs + " ms");
            }
            Thread.sleep(250);
        }
        return System.currentTimeMillis() - started;
    }

    private static long dueEnd(long now) {
        return Math.floorDiv(now, INTERVAL) * INTERVAL;
    }
}
