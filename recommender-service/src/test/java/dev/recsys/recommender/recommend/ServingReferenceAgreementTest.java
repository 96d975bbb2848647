package dev.recsys.recommender.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.modelbuilder.onnx.OnnxModelReader;
import dev.recsys.modelbuilder.simulate.ServedLists;
import dev.recsys.modelbuilder.simulate.ServingReference;
import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.features.PredictionFeatures;
import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.Requests;
import dev.recsys.recommender.support.TestModels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code reference.json} describes exactly what the service emits: for known and unknown users, the features of
 * the published prediction events (ONNX Runtime scores, real Redis stream, cache) equal what model-builder's
 * reference code ({@link ServingReference} over {@link ServedLists}, Java scores from the same ONNX graph's
 * factors) computes for those users. Scores are compared to float32 precision (ONNX Runtime sums the dot product
 * in its own order); every other feature bit for bit, and a cached list's features equal the uncached ones.
 */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class ServingReferenceAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A list length no other test asks for, so the first request of each user is computed, not cached. */
    private static final int K = 7;
    private static final Set<String> SCORE_FEATURES = Set.of(PredictionFeatures.REC_MEAN_SCORE,
            PredictionFeatures.REC_TOP_SCORE);

    @Inject
    RedisDataSource redis;

    @Test
    void publishedFeaturesEqualTheReferenceCodeForKnownAndUnknownUsersCachedOrNot() throws Exception {
        LoadedModel m = TestModels.load(TestModels.servedRepository(), 1);
        ServedLists lists = new ServedLists(new ItemScorer(OnnxModelReader.read(m.modelFile())), m.items(), m.seen(),
                m.card().popularItems(), K);
        PredictionFeatures features = new PredictionFeatures(m.items());
        List<Integer> userIds = new ArrayList<>();
        for (int u = 0; u < m.users().size(); u += Math.max(1, m.users().size() / 25)) {
            userIds.add(m.users().userId(u));
        }
        userIds.addAll(List.of(970_000_001, 970_000_002, 970_000_003));
        double largestScoreDifference = 0;
        int uncached = 0;
        for (int userId : userIds) {
            int user = m.users().indexOf(userId);
            Map<String, Object> expected = ServingReference.features(lists, m.users(), features, user);
            JsonNode reference = JSON.readTree(JSON.writeValueAsString(expected));
            String path = "/api/v1/users/" + userId + "/recommendations?k=" + K;
            long before = System.currentTimeMillis();
            JsonPath first = Requests.get(path);
            JsonNode event = awaitEvent(before, first.getString("requestId"));
            uncached += event.path("cached").asBoolean() ? 0 : 1;
            List<Integer> expectedItems = new ArrayList<>();
            for (int item : lists.of(user).items()) {
                expectedItems.add(m.items().movieId(item));
            }
            List<Integer> servedItems = new ArrayList<>();
            event.get("items").forEach(n -> servedItems.add(n.asInt()));
            assertEquals(expectedItems, servedItems, "items served to user " + userId);

            JsonNode served = event.get("features");
            for (String name : PredictionFeatures.NAMES) {
                JsonNode want = reference.get(name);
                JsonNode got = served.get(name);
                if (SCORE_FEATURES.contains(name) && want.isNumber()) {
                    double difference = Math.abs(want.asDouble() - got.asDouble());
                    largestScoreDifference = Math.max(largestScoreDifference, difference);
                    assertTrue(difference <= 4 * Math.ulp((float) want.asDouble()),
                            name + " of user " + userId + ": " + got + " served, " + want + " in the reference");
                    assertEquals(got.asDouble(), (double) (float) got.asDouble(), 0.0, name + " has float32 precision");
                } else {
                    assertEquals(want, got, name + " of user " + userId);
                }
            }

            long again = System.currentTimeMillis();
            JsonNode cached = awaitEvent(again, Requests.awaitCached(path).getString("requestId"));
            assertTrue(cached.path("cached").asBoolean());
            assertEquals(served, cached.get("features"), "cached list of user " + userId);
        }
        assertFalse(uncached == 0, "at least one list was computed rather than cached");
        System.out.printf("reference vs served: %d users, largest score-feature difference %.3g%n", userIds.size(),
                largestScoreDifference);
    }

    private JsonNode awaitEvent(long sinceMillis, String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<StreamMessage<String, String, String>> messages = redis.stream(String.class)
                    .xrange("ml:predictions:movie-recs", StreamRange.of(Long.toString(sinceMillis - 1000), "+"));
            for (StreamMessage<String, String, String> message : messages) {
                JsonNode event = JSON.readTree(message.payload().get("event"));
                if (requestId.equals(event.path("requestId").asText())) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no event with requestId " + requestId);
    }
}
