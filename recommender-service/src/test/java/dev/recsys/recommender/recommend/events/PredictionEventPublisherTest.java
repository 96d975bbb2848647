package dev.recsys.recommender.recommend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.recsys.common.metrics.SettableGauges;
import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The publisher against a private Redis server (redis-server on a free port, started and stopped here), which the
 * tests may refuse writes on (maxmemory) or that is not there at all.
 */
class PredictionEventPublisherTest {

    private static final String MODEL = "publisher-test";
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecommenderMetrics metrics = new RecommenderMetrics(registry, new SettableGauges(registry), config(1));
    private Process server;
    private Path dir;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.destroy();
        }
        vertx.closeAndAwait();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void eventsInFlightDuringARedisOutageAreCountedAsDroppedAtShutdown() throws Exception {
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + freePort());
        PredictionEventPublisher publisher = new PredictionEventPublisher(config(256), metrics, redis);
        publisher.start(null);
        for (int i = 0; i < 50; i++) {
            publisher.publish(event(i));
        }
        Thread.sleep(700); // the sender has taken them and fails to send them
        assertEquals(50, publisher.buffered());
        publisher.stop();
        assertEquals(50, metrics.count("prediction.events.dropped", "reason", "shutdown"));
        assertEquals(0, metrics.count("prediction.events.published"));
    }

    @Test
    void aPartlyRefusedBatchSendsAgainOnlyTheRefusedEvents() throws Exception {
        int port = startServer();
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + port);
        long used = Long.parseLong(redis.send(Request.cmd(Command.INFO).arg("memory")).await().indefinitely()
                .toString().lines().filter(l -> l.startsWith("used_memory:")).findFirst().orElseThrow().substring(12)
                .trim());
        // room for a few hundred of the events; Redis refuses each XADD beyond that with OOM
        redis.send(Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg(Long.toString(used + 400_000)))
                .await().indefinitely();
        int events = 2000;
        PredictionEventPublisher publisher = new PredictionEventPublisher(config(events), metrics, redis);
        for (int i = 0; i < events; i++) {
            publisher.publish(event(i));
        }
        publisher.start(null);
        long deadline = System.currentTimeMillis() + 5000;
        while (metrics.count("prediction.events.published") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        double before = metrics.count("prediction.events.published");
        assertTrue(before > 0 && before < events, "part of the batch was taken: " + before);
        Thread.sleep(1500); // at least one retry, still refused
        redis.send(Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg("0")).await().indefinitely();
        deadline = System.currentTimeMillis() + 10_000;
        while (publisher.buffered() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        publisher.stop();
        long stored = redis.send(Request.cmd(Command.XLEN).arg(PredictionEvent.stream(MODEL))).await().indefinitely()
                .toLong();
        assertEquals(events, stored, "every event stored exactly once");
        assertEquals(events, metrics.count("prediction.events.published"));
        assertEquals(0, metrics.count("prediction.events.dropped"));
    }

    private static PredictionEvent event(int i) {
        // about 1 KB, like a served list of 10 with its features
        return new PredictionEvent(PredictionEvent.SCHEMA_VERSION, "event-" + i, System.currentTimeMillis(), MODEL,
                "1", "request-" + i, null, null, i, 10, false, false, null, null, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new float[] {4.5f, 4.4f, 4.3f, 4.2f, 4.1f, 4f, 3.9f, 3.8f, 3.7f, 3.6f},
                Map.of("padding", "x".repeat(800)));
    }

    private int startServer() throws IOException, InterruptedException {
        int port = freePort();
        dir = Files.createTempDirectory("publisher-test-redis");
        server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RecommenderConfig config(int bufferSize) {
        RecommenderConfig.Events events = new RecommenderConfig.Events() {
            public boolean enabled() {
                return true;
            }

            public Duration retention() {
                return Duration.ofHours(2);
            }

            public int bufferSize() {
                return bufferSize;
            }

            public int batchSize() {
                return 256;
            }

            public Duration retryBackoff() {
                return Duration.ofMillis(300);
            }
        };
        return new RecommenderConfig() {
            public Path modelRepository() {
                return Path.of(".");
            }

            public String modelName() {
                return MODEL;
            }

            public Inference inference() {
                return null;
            }

            public Cache cache() {
                return null;
            }

            public Events events() {
                return events;
            }

            public Experiment experiment() {
                return null;
            }

            public ActiveUsers activeUsers() {
                return null;
            }
        };
    }
}
