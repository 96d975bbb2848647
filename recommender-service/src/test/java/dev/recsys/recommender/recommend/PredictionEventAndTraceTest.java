package dev.recsys.recommender.recommend;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.features.PredictionFeatures;
import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.Requests;
import dev.recsys.recommender.support.TestModels;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class PredictionEventAndTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EVENT_FIELDS = Set.of("v", "eventId", "ts", "model", "version", "requestId",
            "traceId", "spanId", "userId", "k", "coldStart", "cached", "experiment", "variant", "items", "scores",
            "features");

    @Inject
    RedisDataSource redis;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void everyServedListPublishesOneEventWithTheFullSchema() throws Exception {
        LoadedModel m = TestModels.load(TestModels.servedRepository(), 1);
        int user = 4;
        int userId = m.users().userId(user);
        long before = System.currentTimeMillis();
        JsonPath response = given().get("/api/v1/users/" + userId + "/recommendations?k=6&excludeSeen=false")
                .then().statusCode(200).extract().jsonPath();
        String requestId = response.getString("requestId");

        JsonNode event = awaitEvent(before, requestId);
        Set<String> fields = new java.util.HashSet<>();
        event.fieldNames().forEachRemaining(fields::add);
        assertEquals(EVENT_FIELDS, fields);
        assertEquals(1, event.get("v").asInt());
        assertTrue(event.get("eventId").asText().matches("[0-9a-f-]{36}"));
        assertTrue(event.get("ts").asLong() >= before);
        assertEquals("movie-recs", event.get("model").asText());
        assertEquals("1", event.get("version").asText());
        assertTrue(event.get("traceId").asText().matches("[0-9a-f]{32}"));
        assertTrue(event.get("spanId").asText().matches("[0-9a-f]{16}"));
        assertEquals(userId, event.get("userId").asInt());
        assertEquals(6, event.get("k").asInt());
        assertFalse(event.get("coldStart").asBoolean());
        assertFalse(event.get("cached").asBoolean());
        assertTrue(event.get("experiment").isNull());
        assertTrue(event.get("variant").isNull());
        List<Integer> items = new ArrayList<>();
        event.get("items").forEach(n -> items.add(n.asInt()));
        assertEquals(response.getList("items.movieId", Integer.class), items);
        List<Float> scores = new ArrayList<>();
        event.get("scores").forEach(n -> scores.add(n.floatValue()));
        assertEquals(response.getList("items.score", Float.class), scores);

        JsonNode features = event.get("features");
        List<String> names = new ArrayList<>();
        features.fieldNames().forEachRemaining(names::add);
        assertEquals(PredictionFeatures.NAMES, names);
        int[] itemIndices = items.stream().mapToInt(id -> m.items().indexOf(id)).toArray();
        float[] scoreArray = new float[scores.size()];
        for (int i = 0; i < scoreArray.length; i++) {
            scoreArray[i] = scores.get(i);
        }
        Map<String, Object> expected = new PredictionFeatures(m.items()).compute(m.users(), user, itemIndices, scoreArray,
                itemIndices.length);
        assertEquals(JSON.readTree(JSON.writeValueAsString(expected)), features);
        assertEquals(m.users().ratingCount(user), features.get("user_rating_count").asInt());

        // the cached answer to the same request is an event of its own
        String cachedRequestId = Requests.awaitCached("/api/v1/users/" + userId + "/recommendations?k=6&excludeSeen=false")
                .getString("requestId");
        JsonNode cachedEvent = awaitEvent(before, cachedRequestId);
        assertTrue(cachedEvent.get("cached").asBoolean());
        assertEquals(event.get("items"), cachedEvent.get("items"));
    }

    @Test
    void coldStartEventHasColdFeatures() throws Exception {
        long before = System.currentTimeMillis();
        String requestId = given().get("/api/v1/users/888888/recommendations?k=3").then().statusCode(200)
                .extract().jsonPath().getString("requestId");
        JsonNode event = awaitEvent(before, requestId);
        assertTrue(event.get("coldStart").asBoolean());
        assertEquals("cold", event.get("features").get("user_segment").asText());
        assertTrue(event.get("features").get("user_mean_rating").isNull());
        assertEquals(0, event.get("features").get("user_rating_count").asInt());
    }

    @Test
    void aRequestIsOneTraceOfServerCacheInferenceAndPublishSpans() throws Exception {
        LoadedModel m = TestModels.load(TestModels.servedRepository(), 1);
        long before = System.currentTimeMillis();
        String requestId = given().get("/api/v1/users/" + m.users().userId(7) + "/recommendations?k=4")
                .then().statusCode(200).extract().jsonPath().getString("requestId");
        JsonNode event = awaitEvent(before, requestId);
        String traceId = event.get("traceId").asText();

        List<SpanData> trace = awaitSpans(traceId, 4);
        SpanData server = find(trace, s -> s.getKind() == SpanKind.SERVER);
        assertEquals(event.get("spanId").asText(), server.getSpanId());
        SpanData cache = find(trace, s -> s.getName().equals("recommendation cache lookup"));
        SpanData inference = find(trace, s -> s.getName().equals("model inference"));
        SpanData publish = find(trace, s -> s.getName().equals("prediction event publish"));
        for (SpanData child : List.of(cache, inference, publish)) {
            assertEquals(server.getSpanId(), child.getParentSpanId(), child.getName());
        }
        assertFalse(cache.getAttributes().get(AttributeKey.booleanKey("cache.hit")));
        assertEquals("movie-recs", inference.getAttributes().get(AttributeKey.stringKey("model")));
        assertEquals("1", inference.getAttributes().get(AttributeKey.stringKey("version")));
        assertEquals("cpu", inference.getAttributes().get(AttributeKey.stringKey("provider")));
        Long batchSize = inference.getAttributes().get(AttributeKey.longKey("batch_size"));
        assertNotNull(batchSize);
        assertTrue(batchSize >= 1);
        assertTrue(cache.getEndEpochNanos() <= inference.getStartEpochNanos(), "cache lookup before inference");
        assertTrue(inference.getEndEpochNanos() <= publish.getStartEpochNanos(), "inference before publish");
    }

    private JsonNode awaitEvent(long sinceMillis, String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<StreamMessage<String, String, String>> messages = redis.stream(String.class)
                    .xrange("ml:predictions:movie-recs", StreamRange.of(Long.toString(sinceMillis - 1000), "+"));
            for (StreamMessage<String, String, String> message : messages) {
                assertEquals(Set.of("event"), message.payload().keySet());
                JsonNode event = JSON.readTree(message.payload().get("event"));
                if (requestId.equals(event.path("requestId").asText())) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no event with requestId " + requestId);
    }

    private List<SpanData> awaitSpans(String traceId, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> found = List.of();
        while (System.nanoTime() < deadline) {
            found = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            if (found.size() >= atLeast && found.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("trace " + traceId + " has only " + found);
    }

    private static SpanData find(List<SpanData> spans, java.util.function.Predicate<SpanData> test) {
        Optional<SpanData> span = spans.stream().filter(test).findFirst();
        assertTrue(span.isPresent(), "span missing in " + spans.stream().map(SpanData::getName).toList());
        return span.get();
    }
}
