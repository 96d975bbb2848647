package dev.recsys.modelbuilder.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.recsys.modelbuilder.BuildOptions;
import dev.recsys.modelbuilder.ModelBuilder;
import dev.recsys.modelbuilder.onnx.OnnxModelReader;
import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against a stand-in for the stack's HTTP API (the Quarkus services depend on this module, so they
 * cannot run in its tests): the stand-in serves what the recommender would ({@link ServedLists} of a real tiny
 * model) and records every request.
 */
class TrafficSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repository;
    private HttpServer server;
    private LoadedModel model;
    private ServedLists lists;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> servedTo = new ConcurrentHashMap<>();
    private final List<JsonNode> feedback = new CopyOnWriteArrayList<>();

    private record Request(long at, int userId, boolean cold, String genre) {
    }

    @BeforeEach
    void start() throws IOException {
        ModelBuilder.build(BuildOptions.builder(repository, "tiny").synthetic(200, 300, 10_000).factors(8)
                .iterations(4).referenceSamples(1_000).build());
        ModelRepository repo = new ModelRepository(repository);
        model = repo.load(repo.latestComplete("tiny").orElseThrow());
        lists = new ServedLists(new ItemScorer(OnnxModelReader.read(model.modelFile())), model.items(), model.seen(),
                model.card().popularItems(), 10);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void driftSwitchesAtItsTimeOnlyTheChangesAskedFor() throws Exception {
        Path json = repository.resolve("summary.json");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        SimulationOptions options = new SimulationOptions(repository, "tiny", base, base, base, Duration.ofSeconds(8),
                8, Scenario.DRIFT, 42, 10, 0.05, 1, 1.0, Duration.ofMillis(100), Duration.ofSeconds(4),
                EnumSet.of(Scenario.DriftChange.GENRES, Scenario.DriftChange.COLD), -1, List.of("Drama"), 0.5, 0.5,
                null, false, null, json, new PrintStream(log, true, StandardCharsets.UTF_8));
        TrafficSimulator.Result result = new TrafficSimulator(options).run();
        assertEquals(1.0, result.successRate(), log.toString());

        JsonNode summary = JSON.readTree(json.toFile());
        long at = summary.path("change").path("at").asLong();
        assertEquals(summary.path("from").asLong() + 4_000, at);
        List<Request> before = new ArrayList<>();
        List<Request> after = new ArrayList<>();
        for (Request r : requests) {
            // a request in flight at the switch may have been drawn under either law
            if (r.at() < at - 200) {
                before.add(r);
            } else if (r.at() > at + 200) {
                after.add(r);
            }
        }
        assertTrue(before.size() > 100 && after.size() > 100, before.size() + " / " + after.size() + " requests");
        assertEquals(0, before.stream().filter(r -> r.genre() != null).count(), "no genre filter before the drift");
        assertEquals(0.05, share(before, Request::cold), 0.05, "steady cold-start share");
        assertEquals(0.5, share(after, r -> r.genre() != null), 0.15, "genre share after the drift");
        assertTrue(after.stream().filter(r -> r.genre() != null).allMatch(r -> r.genre().equals("Drama")));
        assertEquals(0.5, share(after, Request::cold), 0.15, "cold-start share after the drift");
        // population unchanged: known users' mean rating count stays (only genres and cold were asked for)
        assertEquals(meanCount(before), meanCount(after), 0.25 * meanCount(before), "known users' activity");

        assertTrue(feedback.size() > 50, feedback.size() + " feedback events");
        for (JsonNode f : feedback) {
            Integer user = servedTo.get(f.path("requestId").asText());
            assertNotNull(user, "feedback names a served list");
            assertEquals(user.intValue(), f.path("userId").asInt());
            String event = f.path("event").asText();
            assertTrue(Set.of("rated", "clicked", "ignored").contains(event), event);
            if (event.equals("rated")) {
                double rating = f.path("rating").asDouble();
                assertTrue(rating >= 0.5 && rating <= 5 && rating * 2 == Math.rint(rating * 2), "rating " + rating);
            } else {
                assertTrue(f.path("rating").isMissingNode());
            }
        }
        assertEquals(feedback.size(), summary.path("traffic").path("feedbackSent").asLong());
        assertTrue(log.toString().contains("online (gateway GET /quality)"), log.toString());
    }

    private static double share(List<Request> rs, java.util.function.Predicate<Request> p) {
        return rs.stream().filter(p).count() / (double) rs.size();
    }

    private double meanCount(List<Request> rs) {
        return rs.stream().filter(r -> !r.cold()).mapToInt(r -> model.users().ratingCount(model.users().indexOf(r.userId())))
                .average().orElseThrow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String body = "{}";
        int status = 200;
        if (path.equals("/api/v1/model")) {
            body = "{\"name\":\"tiny\",\"version\":\"1\",\"loaded\":true}";
        } else if (path.startsWith("/api/v1/users/")) {
            int userId = Integer.parseInt(path.split("/")[4]);
            String genre = query != null && query.contains("genre=") ? query.substring(query.indexOf("genre=") + 6) : null;
            int user = model.users().indexOf(userId);
            requests.add(new Request(System.currentTimeMillis(), userId, user < 0, genre));
            ServedLists.ServedList list = lists.of(user);
            String requestId = UUID.randomUUID().toString();
            servedTo.put(requestId, userId);
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < list.items().length; i++) {
                items.append(i == 0 ? "" : ",").append("{\"movieId\":").append(model.items().movieId(list.items()[i]))
                        .append(",\"score\":").append(list.scores()[i]).append('}');
            }
            body = "{\"requestId\":\"" + requestId + "\",\"coldStart\":" + list.coldStart() + ",\"items\":[" + items + "]}";
        } else if (path.equals("/api/v1/feedback")) {
            feedback.add(JSON.readTree(exchange.getRequestBody()));
            status = 201;
        } else if (path.equals("/api/v1/quality")) {
            body = "{\"overall\":{\"rmse\":0.9,\"mae\":0.7,\"ndcgAtK\":0.5,\"ratings\":1,\"lists\":1},\"byVersion\":{}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
