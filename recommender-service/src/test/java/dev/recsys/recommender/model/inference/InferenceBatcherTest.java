package dev.recsys.recommender.model.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.recsys.recommender.support.TestModelCache;
import dev.recsys.recommender.support.TestModels;

/**
 * Micro-batching over a real ONNX Runtime session of the test model, without booting the service. Closing a batcher
 * closes its session.
 */
class InferenceBatcherTest {

    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private OnnxScorer scorer;

    @BeforeEach
    void openTheTestModel() throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        String model = TestModelCache.cachedRepository().resolve(TestModels.MODEL).resolve("1").resolve("model.onnx")
                .toString();
        scorer = new OnnxScorer(environment, environment.createSession(model), ExecutionProvider.cpu);
    }

    private InferenceBatcher batcher(int maxBatch, Duration maxWait) {
        return new InferenceBatcher(scorer, "test-batcher", 1, maxBatch, maxWait,
                (size, nanos) -> batchSizes.add(size));
    }

    private static TopItems result(CompletableFuture<InferenceBatcher.Scored> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS).top();
    }

    @Test
    void waitingRequestsAreScoredTogetherAndGetTheSameListsAsAlone() throws Exception {
        List<CompletableFuture<InferenceBatcher.Scored>> results = new ArrayList<>();
        try (InferenceBatcher batcher = batcher(8, Duration.ofMillis(200))) {
            for (int user = 0; user < 20; user++) {
                results.add(batcher.submit(user, 5).toCompletableFuture());
            }
            for (int user = 0; user < 20; user++) {
                TopItems batched = result(results.get(user));
                TopItems single = scorer.topK(new long[] {user}, 5)[0];
                assertArrayEquals(single.items(), batched.items(), "user " + user);
                assertArrayEquals(single.scores(), batched.scores(), 1e-6f, "user " + user);
            }
        }
        assertEquals(20, batchSizes.stream().mapToInt(Integer::intValue).sum(), "every request scored once");
        assertTrue(batchSizes.stream().allMatch(size -> size <= 8), "at most maxBatch per call: " + batchSizes);
        assertTrue(batchSizes.size() < 20, "requests were batched: " + batchSizes);
    }

    @Test
    void farApartKAreScoredInSeparateCallsAndEachListHasItsOwnLength() throws Exception {
        try (InferenceBatcher batcher = batcher(16, Duration.ofMillis(200))) {
            CompletableFuture<InferenceBatcher.Scored> small = batcher.submit(3, 5).toCompletableFuture();
            CompletableFuture<InferenceBatcher.Scored> large = batcher.submit(4, 50).toCompletableFuture();
            assertEquals(5, result(small).items().length);
            assertEquals(50, result(large).items().length);
            assertEquals(List.of(1, 1), batchSizes, "k 5 and 50 differ by more than the factor 2");
        }
    }

    @Test
    void aClosedBatcherRefusesNewRequests() {
        InferenceBatcher batcher = batcher(4, Duration.ofMillis(1));
        batcher.close();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> batcher.submit(1, 5).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
    }
}
