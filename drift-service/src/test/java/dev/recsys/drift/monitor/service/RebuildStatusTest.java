package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.LiveWindow;
import dev.recsys.drift.monitor.stream.LiveWindows;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** While an instance rebuilds a model's window, every replica's model list says so; afterwards it does not. */
@QuarkusTest
class RebuildStatusTest {

    private static final long MINUTE = SketchStore.BUCKET_MS;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    SketchStore store;
    @Inject
    DriftMetrics metrics;
    @Inject
    RedisDataSource redis;
    @Inject
    MonitorConfig config;

    @Test
    void theModelListShowsAWindowBeingRebuilt() throws Exception {
        String model = "rebuilding-model";
        fixtures.reset(model);
        long m0 = SketchStore.bucketOf(System.currentTimeMillis()) - 2 * MINUTE;
        fixtures.writeHistoric(model, "1", new TrafficGenerator(27), 500, m0, m0 + MINUTE);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the instance's ranged read of the window waits until the list has been looked at
        PredictionStreams held = new PredictionStreams(redis, config, Duration.ofSeconds(10)) {
            @Override
            public void readFrom(String m, long fromMillis, EntrySink sink) {
                reading.countDown();
                await(release);
                super.readFrom(m, fromMillis, sink);
            }
        };
        LiveWindows instance = new LiveWindows(held, new SketchFeed(redis, store, config, metrics), redis, config);
        CompletableFuture<Optional<Integer>> rebuilt = CompletableFuture.supplyAsync(
                () -> instance.select(model, m0, System.currentTimeMillis(), LiveWindow.Selection::count));
        try {
            assertTrue(reading.await(30, TimeUnit.SECONDS), "the rebuild started");
            assertTrue(instance.rebuilding(model));
            given().get("/api/v1/drift/models").then().statusCode(200)
                    .body("models.findAll { it.model == '" + model + "' }.window", hasItem("rebuilding"));
        } finally {
            release.countDown();
        }
        assertEquals(500, rebuilt.get(30, TimeUnit.SECONDS).orElseThrow());
        assertFalse(instance.rebuilding(model));
        given().get("/api/v1/drift/models").then().statusCode(200)
                .body("models.findAll { it.model == '" + model + "' }.window", not(hasItem("rebuilding")));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
