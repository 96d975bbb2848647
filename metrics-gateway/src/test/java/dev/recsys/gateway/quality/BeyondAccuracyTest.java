package dev.recsys.gateway.quality;

import static dev.recsys.gateway.quality.QualityChecks.feedback;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.quality.service.QualityRollupJob;
import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.metrics.BeyondAccuracyMetrics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Beyond-accuracy quality (docs/statistics.md §7) checked against a hand computation. Catalog of versions 1 and
 * 2 (target/test-models): movies 10 (Action|Comedy, 4 training ratings), 20 (Action, 2), 30 (Drama,
 * 1), 40 (no genres, 0), 50 (Comedy|Drama, 1); 8 ratings, so p = 1/2, 1/4, 1/8, floor 1/9, 1/8.
 *
 * <pre>
 * list version variant   items      pair Jaccards          ILD
 * L1   1       control   10 20 30   1/2, 0, 0              5/6
 * L2   1       control   10 20      1/2                    1/2
 * L3   1       (none)    50         no pair                -
 * L4   2       treatment 30 50      1/2                    1/2
 * L5   2       treatment 99 10      99 is not in the catalog: no pair of catalog items
 *
 * version 1: exposure 10:2 20:2 30:1 50:1 (6 slots); coverage 4/5, unique 4, ILD (5/6+1/2)/2 = 2/3,
 *   novelty (2*1+2*2+3+3)/6 = 2, Gini of 0,1,1,2,2 = (-2+4+8)/(5*6) = 1/3, genres A 3, C 1.5, D 1.5 /6
 * version 2: exposure 10:1 30:1 50:1 (3 catalog slots, +99); coverage 3/5, unique 4, ILD 1/2, novelty (1+3+3)/3 = 7/3,
 *   Gini of 0,0,1,1,1 = (2+4)/(5*3) = 0.4, genres A 1/2, C 1/2+1/2, D 1+1/2 over 3
 * control (L1, L2): exposure 10:2 20:2 30:1; coverage 3/5, unique 3, ILD 2/3, novelty 9/5,
 *   Gini of 0,0,1,2,2 = (4+8)/(5*5) = 12/25, genres A 3, C 1, D 1 over 5
 * overall: exposure 10:3 20:2 30:2 50:2 (9 slots, +99); coverage 4/5, unique 5, ILD (5/6+1/2+1/2)/3 = 11/18,
 *   novelty (3+4+6+6)/9 = 19/9, Gini of 0,2,2,2,3 = (-4+4+12)/(5*9) = 4/15, genres A 3.5, C 2.5, D 3 over 9
 * </pre>
 */
@QuarkusTest
class BeyondAccuracyTest {

    private static final double EPS = 1e-9;
    private static final Path REPOSITORY = Path.of("target/test-models");
    private static final String METRICS = "http://localhost:19082/q/metrics";

    @Inject
    PredictionStreamFixture streams;

    @Inject
    ObjectMapper json;

    @Inject
    QualityRollupJob rollup;

    @BeforeAll
    static void readNumbersAsDoubles() {
        PredictionStreamFixture.readNumbersAsDoubles();
    }

    static ItemTable catalog() {
        return new ItemTable(new int[] { 10, 20, 30, 40, 50 }, new String[] { "a", "b", "c", "d", "e" },
                new String[] { "Action|Comedy", "Action", "Drama", ItemTable.NO_GENRES, "Comedy|Drama" },
                new int[5], new int[] { 4, 2, 1, 0, 1 }, new float[5], new float[5]);
    }

    /** Writes the catalog as version {@code version} of the model, with this offline NDCG@10. */
    private void writeVersion(String model, int version, double offlineNdcg) throws IOException {
        Path dir = REPOSITORY.resolve(model).resolve(Integer.toString(version));
        Files.createDirectories(dir);
        catalog().write(dir.resolve("items.csv"));
        // a complete version: the gateway reads only the card and items.csv, the other files may be empty
        for (String file : List.of("model.onnx", "users.csv", "seen.bin", "reference.json")) {
            Files.writeString(dir.resolve(file), "");
        }
        json.writeValue(dir.resolve(ModelCard.FILE_NAME).toFile(), new ModelCard(model, version,
                "2026-01-01T00:00:00Z", null, null, new ModelCard.OfflineMetrics(0.9, 0.7, 0.1, 0.2, offlineNdcg),
                null, 4.0, 100, 1, 3.5, 8, List.of(), ModelCard.Files.standard(), null));
    }

    private static final long[][] LISTS = { { 10, 20, 30 }, { 10, 20 }, { 50 }, { 30, 50 }, { 99, 10 } };

    private String publishScenario() throws IOException {
        String model = PredictionStreamFixture.uniqueModel("beyond");
        writeVersion(model, 1, 0.8);
        writeVersion(model, 2, 0.5);
        streams.publish(new Served(model, "1", "exp-1", "control", 1, LISTS[0], new double[] { 4.5, 4.0, 3.5 }));
        streams.publish(new Served(model, "1", "exp-1", "control", 2, LISTS[1], new double[] { 4.2, 3.9 }));
        streams.publish(new Served(model, "1", null, null, 3, LISTS[2], new double[] { 4.0 }));
        streams.publish(new Served(model, "2", "exp-1", "treatment", 4, LISTS[3], new double[] { 4.1, 2.0 }));
        streams.publish(new Served(model, "2", "exp-1", "treatment", 5, LISTS[4], new double[] { 3.0, 2.5 }));
        streams.awaitStoredLists(model, 5);
        return model;
    }

    private static void assertBeyond(ValidatableResponse response, String path, int lists, int slots,
            double coverage, int unique, double diversity, double novelty, double gini, Map<String, Double> genres) {
        String at = path + ".beyondAccuracy";
        response.body(at + ".lists", equalTo(lists)).body(at + ".slots", equalTo(slots))
                .body(at + ".catalogCoverage", closeTo(coverage, EPS))
                .body(at + ".uniqueItems", equalTo(unique))
                .body(at + ".intraListDiversity", closeTo(diversity, EPS))
                .body(at + ".novelty", closeTo(novelty, EPS))
                .body(at + ".popularityGini", closeTo(gini, EPS))
                .body(at + ".genreShare.size()", equalTo(genres.size()));
        genres.forEach((genre, share) -> response.body(at + ".genreShare." + genre, closeTo(share, EPS)));
    }

    @Test
    void servedListsMatchTheHandComputationOverallPerVersionAndPerVariant() throws IOException {
        String model = publishScenario();
        Runnable check = () -> {
            ValidatableResponse response = given().queryParam("model", model).queryParam("window", "1h")
                    .get("/api/v1/quality").then().statusCode(200);
            assertBeyond(response, "overall", 5, 9, 0.8, 5, 11 / 18.0, 19 / 9.0, 4 / 15.0,
                    Map.of("Action", 3.5 / 9, "Comedy", 2.5 / 9, "Drama", 3.0 / 9));
            assertBeyond(response, "byVersion.'1'", 3, 6, 0.8, 4, 2 / 3.0, 2.0, 1 / 3.0,
                    Map.of("Action", 0.5, "Comedy", 0.25, "Drama", 0.25));
            assertBeyond(response, "byVersion.'2'", 2, 3, 0.6, 4, 0.5, 7 / 3.0, 0.4,
                    Map.of("Action", 0.5 / 3, "Comedy", 1.0 / 3, "Drama", 1.5 / 3));
            assertBeyond(response, "byVariant.control", 2, 5, 0.6, 3, 2 / 3.0, 9 / 5.0, 12 / 25.0,
                    Map.of("Action", 0.6, "Comedy", 0.2, "Drama", 0.2));
            // no list has feedback: no quality score
            response.body("overall.qualityScore", nullValue());
        };
        // from the served lists while they are queued, and from the exposure rollup once rolled up
        check.run();
        rollup.rollUpExposure().await().indefinitely();
        check.run();
    }

    @Test
    void onlineAndOfflineComputeTheSameOnTheSameLists() throws IOException {
        String model = publishScenario();
        // the offline evaluation's way: every list through BeyondAccuracyMetrics.addList (99 left out, as
        // the gateway counts it as a unique item only)
        ItemTable catalog = catalog();
        BeyondAccuracyMetrics offline = new BeyondAccuracyMetrics();
        for (long[] list : LISTS) {
            List<Integer> items = new ArrayList<>();
            for (long movieId : list) {
                if (catalog.indexOf((int) movieId) >= 0) {
                    items.add(catalog.indexOf((int) movieId));
                } else {
                    offline.addUnknownItem(movieId);
                }
            }
            offline.addList(catalog, items.stream().mapToInt(Integer::intValue).toArray());
        }
        ModelCard.BeyondAccuracy expected = offline.result();
        ModelCard.BeyondAccuracy online = given().queryParam("model", model).get("/api/v1/quality").then()
                .statusCode(200).extract().jsonPath().getObject("overall.beyondAccuracy", ModelCard.BeyondAccuracy.class);
        assertEquals(expected.lists(), online.lists());
        assertEquals(expected.slots(), online.slots());
        assertEquals(expected.uniqueItems(), online.uniqueItems());
        assertEquals(expected.catalogCoverage(), online.catalogCoverage(), EPS);
        assertEquals(expected.intraListDiversity(), online.intraListDiversity(), EPS);
        assertEquals(expected.novelty(), online.novelty(), EPS);
        assertEquals(expected.popularityGini(), online.popularityGini(), EPS);
        expected.genreShare().forEach((genre, share) -> assertEquals(share, online.genreShare().get(genre), EPS));
    }

    @Test
    void gaugesCarryTheValuesOfTheWindow() throws Exception {
        String model = publishScenario();
        String labels = "model=\"" + model + "\",variant=\"control\",version=\"1\"";
        String action = "recommendation_genre_share{genre=\"Action\",model=\"" + model + "\"}";
        // the gauges refresh every second: the first refresh after the last list was stored has all five
        String metrics = awaitMetrics(m -> m.contains(action + " ") && Math.abs(value(m, action) - 3.5 / 9) < EPS,
                action + " not 3.5 / 9");
        assertEquals(0.6, value(metrics, "recommendation_catalog_coverage{" + labels + "}"), EPS);
        assertEquals(3, value(metrics, "recommendation_unique_items{" + labels + "}"), EPS);
        assertEquals(2 / 3.0, value(metrics, "recommendation_intra_list_diversity{" + labels + "}"), EPS);
        assertEquals(9 / 5.0, value(metrics, "recommendation_novelty{" + labels + "}"), EPS);
        assertEquals(12 / 25.0, value(metrics, "recommendation_popularity_gini{" + labels + "}"), EPS);
        // version 1 outside the experiment: one list without a pair, so no diversity series
        String none = "model=\"" + model + "\",variant=\"none\",version=\"1\"";
        assertEquals(0.2, value(metrics, "recommendation_catalog_coverage{" + none + "}"), EPS);
        assertTrue(!metrics.contains("recommendation_intra_list_diversity{" + none + "}"), metrics);
        assertTrue(!metrics.contains("recommendation_quality_score{" + labels + "}"), "no feedback, no score");
    }

    /**
     * 50 lists of version 1 (offline NDCG@10 0.8) with a click at rank 1 (NDCG 1) and 50 with a click at
     * rank 2 (NDCG 1/log2 3): online NDCG 0.815465, score 1.019331 once 100 lists have feedback.
     */
    @Test
    void qualityScoreAppearsAtOneHundredListsWithFeedback() throws Exception {
        String model = PredictionStreamFixture.uniqueModel("score");
        writeVersion(model, 1, 0.8);
        List<String> lists = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lists.add(streams.publish(new Served(model, "1", null, null, 1000 + i, new long[] { 10, 20 },
                    new double[] { 4.0, 3.0 })));
        }
        streams.awaitStoredLists(model, 100);
        for (int i = 0; i < 99; i++) {
            feedback(lists.get(i), 1000 + i, i < 50 ? 10 : 20, "clicked", null, 201);
        }
        given().queryParam("model", model).get("/api/v1/quality").then().statusCode(200)
                .body("overall.lists", equalTo(99)).body("overall.qualityScore", nullValue())
                .body("byVersion.'1'.qualityScore", nullValue());
        feedback(lists.get(99), 1099, 20, "clicked", null, 201);
        double ndcg = (50 + 50 * Math.log(2) / Math.log(3)) / 100;
        given().queryParam("model", model).get("/api/v1/quality").then().statusCode(200)
                .body("overall.lists", equalTo(100))
                .body("overall.ndcgAtK", closeTo(ndcg, 1e-9))
                .body("overall.qualityScore", closeTo(ndcg / 0.8, 1e-9))
                .body("byVersion.'1'.qualityScore", closeTo(ndcg / 0.8, 1e-9));
        String series = "recommendation_quality_score{model=\"" + model + "\",variant=\"none\",version=\"1\"}";
        assertEquals(ndcg / 0.8, value(awaitMetric(series), series), 1e-9);
    }

    private static String awaitMetric(String series) throws InterruptedException {
        return awaitMetrics(metrics -> metrics.contains(series + " "), series + " not exported");
    }

    private static String awaitMetrics(Predicate<String> ready, String failure) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            String metrics = given().get(METRICS).then().statusCode(200).extract().asString();
            if (ready.test(metrics)) {
                return metrics;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(failure + ":\n" + metrics);
            }
            Thread.sleep(200);
        }
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), series + " missing");
        return Double.parseDouble(m.group(1));
    }
}
