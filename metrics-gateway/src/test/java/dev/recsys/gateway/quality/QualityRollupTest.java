package dev.recsys.gateway.quality;

import static dev.recsys.gateway.quality.QualityChecks.assertMetrics;
import static dev.recsys.gateway.quality.QualityChecks.beforeAndAfterRollup;
import static dev.recsys.gateway.quality.QualityChecks.feedback;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.quality.repository.QualityRepository;
import dev.recsys.gateway.quality.repository.QualityRepository.Slice;
import dev.recsys.gateway.quality.repository.QualityRollupRepository;
import dev.recsys.gateway.quality.service.QualityRollupJob;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Windows that cut a list's feedback in two, a movie relevant in two lists of one user, and a
 * rollup built with another k: quality must be what raw feedback says (k = 10, relevant = rating
 * >= 4.0 or clicked).
 *
 * <pre>
 * list user items (scores)          feedback
 * A    7    1(4.0) 2(3.0) 3(2.0)    clicked 1 two hours ago; rated 2=5.0, clicked 3 now
 * B    7    3(4.5) 4(3.5)           rated 3=4.0 now (3 is relevant in A and in B: user 7 counts it once)
 *
 * window 1h: A relevant {2,3}: hits 2@2,3  P=0.2  DCG=0.630930+0.5=1.130930  IDCG(2)=1.630930  NDCG=0.693426
 *            B relevant {3}:   hits 1@1    P=0.1  NDCG=1
 *            user 7 relevant {2,3}=2: R(A)=2/2=1, R(B)=1/2=0.5
 *            overall P=0.15 R=0.75 NDCG=0.846713 acceptance 1 engagement 2/2
 *            rated: 2: 5.0-3.0=2.0, 3: 4.0-4.5=-0.5  RMSE=sqrt(4.25/2)=1.457738 MAE=1.25 mean 4.5
 * window 3h: A relevant {1,2,3}: hits 3  P=0.3  DCG=1+0.630930+0.5=IDCG(3)  NDCG=1
 *            user 7 relevant {1,2,3}=3: R(A)=1, R(B)=1/3; overall P=0.2 R=2/3 NDCG=1 (ratings as above)
 * </pre>
 */
@QuarkusTest
class QualityRollupTest {

    @Inject
    PredictionStreamFixture streams;

    @Inject
    QualityRollupJob rollup;

    @Inject
    QualityRollupRepository rollupRepository;

    @Inject
    QualityRepository qualityRepository;

    @Inject
    Pool pool;

    private static final int ASKERS = 4;
    private static final int REBUILDS = 40;
    private static final Duration STALL = Duration.ofSeconds(30);

    private String model;

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    @BeforeEach
    void scenario() {
        model = PredictionStreamFixture.uniqueModel("rollup");
        String a = streams.publish(new Served(model, "1", null, null, 7, new long[] { 1, 2, 3 },
                new double[] { 4.0, 3.0, 2.0 }));
        String b = streams.publish(new Served(model, "1", null, null, 7, new long[] { 3, 4 },
                new double[] { 4.5, 3.5 }));
        streams.awaitStoredLists(model, 2);
        feedback(a, 7, 1, "clicked", null, 201);
        feedback(a, 7, 2, "rated", 5.0, 201);
        feedback(a, 7, 3, "clicked", null, 201);
        feedback(b, 7, 3, "rated", 4.0, 201);
        // before anything is rolled up, as if it had arrived two hours ago
        pool.preparedQuery("update feedback set received_at = received_at - interval '2 hours' "
                + "where request_id = $1 and movie_id = 1").execute(Tuple.of(a)).await().indefinitely();
    }

    @Test
    void windowCuttingAListInTwoCountsOnlyItsFeedbackInside() {
        beforeAndAfterRollup(rollup, () -> {
            ValidatableResponse response = quality("1h");
            assertMetrics(response, "overall", 0.15, 0.75, (0.693426 + 1) / 2, 1.0, 1.0, 1.457738, 1.25, 4.5,
                    2, 2);
        });
    }

    @Test
    void windowHoldingAllFeedbackCountsAMovieRelevantInTwoListsOnceForItsUser() {
        beforeAndAfterRollup(rollup, () -> {
            ValidatableResponse response = quality("3h");
            assertMetrics(response, "overall", 0.2, 2.0 / 3, 1.0, 1.0, 1.0, 1.457738, 1.25, 4.5, 2, 2);
        });
    }

    @Test
    void rollupBuiltWithAnotherKIsRebuiltForTheConfiguredOne() {
        // k = 2 would miss A's hit at rank 3; the job, configured with k = 10, must rebuild
        rollupRepository.rollUp(2, 4.0, 1_000_000, "64MB").await().indefinitely();
        // until then the k = 2 rollup is not used: answers are summed from raw feedback
        assertMetrics(quality("3h"), "overall", 0.2, 2.0 / 3, 1.0, 1.0, 1.0, 1.457738, 1.25, 4.5, 2, 2);
        rollup.rollUp().await().indefinitely();
        assertMetrics(quality("3h"), "overall", 0.2, 2.0 / 3, 1.0, 1.0, 1.0, 1.457738, 1.25, 4.5, 2, 2);
    }

    /**
     * A rebuild empties the rollup while answers read it. An answer's two statements run on two
     * connections and its first keeps its locks until the second is done, so a rebuild queued
     * between them must give way rather than wait for them forever, and every answer meanwhile must
     * be exact.
     */
    @Test
    void rebuildWhileAnswersRunNeverStallsThem() throws Exception {
        TimeRange lastThreeHours = new TimeRange(Instant.now().minus(Duration.ofHours(3)), Instant.now().plusSeconds(60));
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger answers = new AtomicInteger();
        AtomicReference<String> wrongAnswer = new AtomicReference<>();
        ExecutorService askers = Executors.newFixedThreadPool(ASKERS);
        try {
            List<Future<?>> asking = new ArrayList<>();
            for (int i = 0; i < ASKERS; i++) {
                asking.add(askers.submit(() -> {
                    while (rebuilding.get()) {
                        QualityMetrics overall = qualityRepository.quality(model, lastThreeHours, 4.0, 10)
                                .await().atMost(STALL).stream().filter(slice -> slice.slice() == Slice.OVERALL)
                                .findFirst().orElseThrow().metrics();
                        if (Math.abs(overall.precisionAtK() - 0.2) > 1e-9 || Math.abs(overall.recallAtK() - 2.0 / 3) > 1e-9) {
                            wrongAnswer.compareAndSet(null, overall.toString());
                        }
                        answers.incrementAndGet();
                    }
                }));
            }
            for (int rebuild = 0; rebuild < REBUILDS; rebuild++) {
                rollupRepository.rollUp(rebuild % 2 == 0 ? 2 : 10, 4.0, 1_000_000, "64MB").await().atMost(STALL);
            }
            rebuilding.set(false);
            for (Future<?> asker : asking) {
                asker.get(STALL.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            rebuilding.set(false);
            askers.shutdownNow();
        }
        assertTrue(answers.get() > 0, "no quality answer ran during the rebuilds");
        // answers during a rebuild (rollup of the other k, or empty and refilling) are still exact
        assertNull(wrongAnswer.get(), "answer during a rebuild");
        rollup.rollUp().await().atMost(STALL);
        assertMetrics(quality("3h"), "overall", 0.2, 2.0 / 3, 1.0, 1.0, 1.0, 1.457738, 1.25, 4.5, 2, 2);
    }

    private ValidatableResponse quality(String window) {
        return given().queryParam("model", model).queryParam("window", window).get("/api/v1/quality").then()
                .statusCode(200);
    }
}
