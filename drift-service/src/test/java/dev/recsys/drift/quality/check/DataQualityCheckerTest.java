package dev.recsys.drift.quality.check;

import dev.recsys.drift.quality.QualityFixtures;
import dev.recsys.drift.quality.event.EventRejection;
import dev.recsys.drift.quality.event.QualityEvent;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.profile.QualityProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.recsys.drift.quality.QualityFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataQualityCheckerTest {

    private static final int EVENTS = 3000;
    private static final Map<String, List<Object>> REFERENCE = QualityFixtures.reference(2000, 7);
    private static final QualityProfile PROFILE = QualityProfile.build(REFERENCE);
    private static final DataQualityChecker CHECKER = new DataQualityChecker(QualityThresholds.defaults());

    private static DataQualityResult check(List<QualityEvent> events) {
        return check(QualityWindow.builder().addAll(events).build(NOW - 900_000, NOW));
    }

    private static DataQualityResult check(QualityWindow window) {
        return CHECKER.check("movie-recs", PROFILE, window, null, NOW);
    }

    /** Asserts that exactly {@code expected} checks are violated, and by exactly {@code features} where per feature. */
    private static void assertViolations(DataQualityResult result, Set<String> expected) {
        assertEquals(expected, Set.copyOf(result.violations()), "violated checks");
        assertEquals(expected.isEmpty(), result.passed());
        result.checks().forEach((id, verdict) -> assertEquals(expected.contains(id), verdict.violated(), id));
    }

    private static void assertOnlyFeatureViolates(DataQualityResult result, String check, String feature) {
        assertEquals(List.of(feature), result.checks().get(check).features());
        result.features().forEach((name, quality) ->
                assertEquals(name.equals(feature) ? List.of(check) : List.of(), quality.violations(), name));
    }

    @Test
    void cleanWindowRaisesNothing() {
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 11));

        assertViolations(result, Set.of());
        assertEquals(EVENTS, result.events());
        assertEquals(EVENTS, result.checkedEvents());
        assertEquals(QualityFixtures.FEATURES, List.copyOf(result.features().keySet()));
        result.features().values().forEach(quality -> {
            assertTrue(quality.violations().isEmpty());
            assertEquals(0, quality.wrongType());
            assertFalse(quality.constant());
        });
        assertEquals(0.0, result.features().get("rec_top_score").outOfRangeShare());
        assertEquals(0.0, result.features().get("rec_top_genre").newCategoryShare());
        assertEquals(0, result.schema().violations());
        assertEquals(0, result.duplicates().count());
        assertTrue(result.correlation().maxChange() < 0.1, "sampling noise only");
        assertTrue(result.correlation().skipped().isEmpty());
        assertEquals(1.001, result.freshness().ageSeconds());
        assertEquals("numerical", result.features().get("user_mean_rating").type());
        assertEquals("categorical", result.features().get("user_segment").type());
    }

    @Test
    void plantedNullsAndAbsentFeaturesRaiseMissingForThatFeatureOnly() {
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 12, (i, features) -> {
            if (i % 10 == 0) {
                features.put("rec_mean_popularity", null);
            } else if (i % 10 == 1) {
                features.remove("rec_mean_popularity");
            }
        }));

        assertViolations(result, Set.of("missing"));
        assertOnlyFeatureViolates(result, "missing", "rec_mean_popularity");
        FeatureQuality popularity = result.features().get("rec_mean_popularity");
        assertEquals(600, popularity.missing());
        assertEquals(0.2, popularity.missingShare());
        assertEquals(0.0, popularity.referenceMissingShare());
        assertEquals(0.2, popularity.missingShareChange());
        assertEquals(0.2, result.checks().get("missing").value());
        // cold users' null mean rating is expected: it is in the reference too
        FeatureQuality meanRating = result.features().get("user_mean_rating");
        assertTrue(meanRating.missing() > 0);
        assertTrue(Math.abs(meanRating.missingShareChange()) < 0.05);
    }

    @Test
    void missingShareFallingFarBelowTheReferenceIsAlsoAChange() {
        // every cold user's null mean rating replaced by a value: missing share 10% → 0%
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 13, (i, features) -> {
            if (features.get("user_mean_rating") == null) {
                features.put("user_mean_rating", 3.5);
            }
        }));

        FeatureQuality meanRating = result.features().get("user_mean_rating");
        assertEquals(0, meanRating.missing());
        assertEquals(-meanRating.referenceMissingShare(), meanRating.missingShareChange());
        assertTrue(result.checks().get("missing").features().contains("user_mean_rating"));
    }

    @Test
    void plantedOutOfRangeValuesRaiseRangeForThatFeatureOnly() {
        double referenceMin = PROFILE.features().get("rec_mean_popularity").min();
        double referenceMax = PROFILE.features().get("rec_mean_popularity").max();
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 14, (i, features) -> {
            if (i % 25 == 0) {
                features.put("rec_mean_popularity", referenceMax + 0.01);
            } else if (i % 25 == 1) {
                features.put("rec_mean_popularity", referenceMin - 0.01);
            }
        }));

        assertViolations(result, Set.of("range"));
        assertOnlyFeatureViolates(result, "range", "rec_mean_popularity");
        FeatureQuality popularity = result.features().get("rec_mean_popularity");
        assertEquals(240.0 / EVENTS, popularity.outOfRangeShare());
        assertEquals(240.0 / EVENTS, result.checks().get("range").value());
        assertEquals(referenceMax + 0.01, popularity.max());
        assertEquals(referenceMin - 0.01, popularity.min());
        assertEquals(referenceMax, popularity.referenceMax());
    }

    @Test
    void valuesEqualToAReferenceBoundUpToFloat32RoundingAreInRange() {
        // a reference written by a float32 tool holds the decimals 0.7 and 7.61; the service serves (double) 0.7f,
        // just below 0.7, and (double) 7.61f, just above 7.61
        Map<String, List<Object>> reference = new HashMap<>(REFERENCE);
        List<Object> topScores = new ArrayList<>(REFERENCE.get("rec_top_score"));
        topScores.set(0, 0.7);
        topScores.set(1, 7.61);
        reference.put("rec_top_score", topScores);
        QualityProfile profile = QualityProfile.build(reference);
        double servedMin = 0.7f;
        double servedMax = 7.61f;
        assertTrue(servedMin < 0.7 && servedMax > 7.61, "the served floats lie outside the decimal bounds");

        DataQualityResult atBounds = CHECKER.check("movie-recs", profile, QualityWindow.builder()
                .addAll(QualityFixtures.window(reference, EVENTS, 20, (i, features) -> {
                    if (i % 25 == 0) {
                        features.put("rec_top_score", servedMin);
                    } else if (i % 25 == 1) {
                        features.put("rec_top_score", servedMax);
                    }
                })).build(NOW - 900_000, NOW), null, NOW);
        DataQualityResult oneFloatBeyond = CHECKER.check("movie-recs", profile, QualityWindow.builder()
                .addAll(QualityFixtures.window(reference, EVENTS, 20, (i, features) -> {
                    if (i % 25 == 0) {
                        features.put("rec_top_score", (double) Math.nextDown(0.7f));
                    } else if (i % 25 == 1) {
                        features.put("rec_top_score", (double) Math.nextUp(7.61f));
                    }
                })).build(NOW - 900_000, NOW), null, NOW);

        // (the planted extremes move the correlations too; only the range check is this test's business)
        assertEquals(0.0, atBounds.features().get("rec_top_score").outOfRangeShare());
        assertFalse(atBounds.checks().get("range").violated());
        assertEquals(240.0 / EVENTS, oneFloatBeyond.features().get("rec_top_score").outOfRangeShare());
        assertEquals(List.of("rec_top_score"), oneFloatBeyond.checks().get("range").features());
    }

    @Test
    void outOfRangeShareAtOrBelowTheThresholdIsReportedButNotViolated() {
        double referenceMax = PROFILE.features().get("rec_top_score").max();
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 15, (i, features) -> {
            if (i % 100 == 0) {
                features.put("rec_top_score", referenceMax + 1);
            }
        }));

        assertViolations(result, Set.of());
        assertEquals(0.01, result.features().get("rec_top_score").outOfRangeShare());
    }

    @Test
    void quantileBoundsAreStricterThanMinMaxWhenConfigured() {
        DataQualityChecker quantiles = new DataQualityChecker(new QualityThresholds(0.05, 0.05,
                RangeBounds.QUANTILES, 0.001, 0.999, 0.05, 300, 0.3, 0, 0, 100, 5));
        double upper = PROFILE.features().get("rec_mean_popularity").quantile(0.999);
        double max = PROFILE.features().get("rec_mean_popularity").max();
        double between = (upper + max) / 2;
        QualityWindow window = QualityWindow.builder()
                .addAll(QualityFixtures.window(REFERENCE, EVENTS, 16, (i, features) -> {
                    if (i % 10 == 0) {
                        features.put("rec_mean_popularity", between);
                    }
                })).build(NOW - 900_000, NOW);

        DataQualityResult byMinMax = check(window);
        DataQualityResult byQuantiles = quantiles.check("movie-recs", PROFILE, window, null, NOW);

        assertViolations(byMinMax, Set.of());
        assertEquals(0.0, byMinMax.features().get("rec_mean_popularity").outOfRangeShare());
        assertViolations(byQuantiles, Set.of("range"));
        assertOnlyFeatureViolates(byQuantiles, "range", "rec_mean_popularity");
        assertTrue(byQuantiles.features().get("rec_mean_popularity").outOfQuantileRangeShare() >= 0.1);
    }

    @Test
    void plantedNewCategoriesAreNamedWithTheirShare() {
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 17, (i, features) -> {
            if (i % 50 < 4) {
                features.put("rec_top_genre", "Film-Noir");
            } else if (i % 50 == 4) {
                features.put("rec_top_genre", "Western");
            }
        }));

        assertViolations(result, Set.of("new_category"));
        assertOnlyFeatureViolates(result, "new_category", "rec_top_genre");
        FeatureQuality genre = result.features().get("rec_top_genre");
        assertEquals(0.1, genre.newCategoryShare());
        assertEquals(List.of(new CategoryCount("Film-Noir", 240), new CategoryCount("Western", 60)),
                genre.newCategories());
        assertEquals(0.0, result.features().get("user_segment").newCategoryShare());
    }

    @Test
    void duplicateEventIdsAreCountedAndCheckedOnce() {
        List<QualityEvent> events = new ArrayList<>(QualityFixtures.window(REFERENCE, EVENTS, 18));
        events.add(events.get(5));
        events.add(events.get(5));
        events.add(new QualityEvent(events.get(9).eventId(), NOW - 2000, Map.of("rec_top_genre", "Nonsense")));

        DataQualityResult result = check(events);

        assertViolations(result, Set.of("duplicates"));
        assertEquals(3, result.duplicates().count());
        assertEquals(List.of("e-5", "e-9"), result.duplicates().sampleEventIds());
        assertEquals(EVENTS + 3, result.events());
        assertEquals(EVENTS, result.checkedEvents());
        assertEquals(3.0, result.checks().get("duplicates").value());
        assertEquals(0.0, result.features().get("rec_top_genre").newCategoryShare(), "duplicates are not checked");
    }

    @Test
    void schemaViolationsAreCountedByKindWithoutCrashing() {
        QualityWindow.Builder window = QualityWindow.builder()
                .addAll(QualityFixtures.window(REFERENCE, EVENTS, 19, (i, features) -> {
                    if (i == 3) {
                        features.put("user_rating_count", "many");
                    } else if (i == 4) {
                        features.put("user_segment", 7);
                    } else if (i == 5) {
                        features.put("shoe_size", 44);
                    } else if (i == 6) {
                        features.put("rec_mean_score", List.of(1, 2));
                    }
                }));
        window.addJson("{not json")
                .addJson("{\"v\":2,\"eventId\":\"x\",\"ts\":1,\"features\":{}}")
                .addJson("{\"v\":1,\"ts\":1,\"features\":{}}")
                .addJson("[1,2]");

        DataQualityResult result = check(window.build(NOW - 900_000, NOW));

        assertViolations(result, Set.of("schema"));
        SchemaReport schema = result.schema();
        assertEquals(new SchemaReport(8, 2, 1, 1, 3, 1, List.of("shoe_size")), schema);
        assertEquals(EVENTS + 4, result.events());
        assertEquals(EVENTS, result.checkedEvents());
        assertEquals(1, result.features().get("user_rating_count").wrongType());
        assertEquals(0, result.features().get("user_rating_count").missing(), "a wrong type is not a missing value");
        assertEquals(1, result.features().get("user_segment").wrongType());
        assertEquals(1, result.features().get("rec_mean_score").wrongType());
    }

    @Test
    void flippedCorrelationIsFoundWithItsPair() {
        // mirror rec_mean_score inside its reference range: its relation to user_mean_rating turns negative
        double min = PROFILE.features().get("rec_mean_score").min();
        double max = PROFILE.features().get("rec_mean_score").max();
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 20, (i, features) ->
                features.put("rec_mean_score", min + max - (double) features.get("rec_mean_score"))));

        assertViolations(result, Set.of("correlation"));
        CorrelationReport correlation = result.correlation();
        assertTrue(correlation.maxChange() > 1.0, "a strong positive correlation became negative");
        assertTrue(correlation.maxChangePair().contains("rec_mean_score"));
        assertEquals(correlation.maxChangePair(), result.checks().get("correlation").features());
        int score = correlation.features().indexOf("rec_mean_score");
        int rating = correlation.features().indexOf("user_mean_rating");
        int popularity = correlation.features().indexOf("rec_mean_popularity");
        assertTrue(correlation.pearson().reference().get(score).get(rating) > 0.5);
        assertTrue(correlation.pearson().window().get(score).get(rating) < -0.5);
        assertTrue(correlation.spearman().window().get(score).get(rating) < -0.5);
        assertTrue(Math.abs(correlation.pearson().change().get(popularity).get(rating)) < 0.1, "untouched pair");
    }

    @Test
    void constantFeaturesAreFlaggedAndLeftOutOfCorrelations() {
        double popularity = (double) REFERENCE.get("rec_mean_popularity").get(0);
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 21, (i, features) -> {
            features.put("rec_top_genre", "Drama");
            features.put("rec_mean_popularity", popularity);
        }));

        assertViolations(result, Set.of("constant"));
        assertEquals(List.of("rec_mean_popularity", "rec_top_genre"), result.checks().get("constant").features());
        assertEquals(2.0, result.checks().get("constant").value());
        assertTrue(result.features().get("rec_top_genre").constant());
        assertEquals(List.of(new SkippedFeature("rec_mean_popularity", "window", "constant")),
                result.correlation().skipped());
        int index = result.correlation().features().indexOf("rec_mean_popularity");
        assertNull(result.correlation().pearson().window().get(index).get(0));
        assertNull(result.correlation().spearman().change().get(0).get(index));
    }

    @Test
    void smallWindowsAreNotCalledConstant() {
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, 50, 22,
                (i, features) -> features.put("rec_top_genre", "Drama")));

        assertFalse(result.features().get("rec_top_genre").constant());
        assertFalse(result.checks().get("constant").violated());
    }

    @Test
    void freshnessIsTheAgeOfTheNewestEventAndOutlivesEmptyWindows() {
        List<QualityEvent> stale = List.of(new QualityEvent("old", NOW - 600_000, Map.of()));
        DataQualityResult old = check(stale);
        DataQualityResult empty = CHECKER.check("movie-recs", PROFILE,
                QualityWindow.builder().build(NOW - 900_000, NOW), NOW - 400_000, NOW);
        DataQualityResult never = check(List.of());

        assertEquals(600.0, old.freshness().ageSeconds());
        assertTrue(old.checks().get("freshness").violated());
        assertEquals(400.0, empty.freshness().ageSeconds());
        assertEquals(NOW - 400_000, empty.freshness().newestEventTs());
        assertTrue(empty.checks().get("freshness").violated());
        assertNull(never.freshness().ageSeconds());
        assertViolations(never, Set.of());
        assertEquals(0, never.checkedEvents());
        assertNull(never.features().get("rec_top_score").missingShare());
    }

    @Test
    void featureAbsentFromEveryEventIsFullyMissing() {
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, EVENTS, 23,
                (i, features) -> features.remove("user_segment")));

        assertViolations(result, Set.of("missing"));
        assertOnlyFeatureViolates(result, "missing", "user_segment");
        assertEquals(1.0, result.features().get("user_segment").missingShare());
    }

    @Test
    void sampleOfASketchModeWindowJudgesOnlySchemaDuplicatesAndFreshness() {
        List<QualityEvent> events = new ArrayList<>(QualityFixtures.window(REFERENCE, 100, 26, (i, features) -> {
            features.put("rec_top_genre", "Film-Noir");
            features.remove("user_segment");
        }));
        events.add(events.get(0));

        DataQualityResult result = CHECKER.check("movie-recs", PROFILE,
                QualityWindow.builder().addAll(events).addJson("{").buildSample(NOW - 900_000, NOW), null, NOW);

        assertTrue(result.sample());
        assertViolations(result, Set.of("duplicates", "schema"));
        assertTrue(result.features().isEmpty());
        assertNull(result.checks().get("new_category").value());
        assertEquals(0.05, result.checks().get("new_category").threshold());
        assertNull(result.correlation().maxChange());
        assertEquals(1.001, result.freshness().ageSeconds());
    }

    @Test
    void resultSurvivesAJsonRoundTripWithUndefinedValuesAsNull() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DataQualityResult result = check(QualityFixtures.window(REFERENCE, 500, 25, (i, features) -> {
            features.put("rec_mean_popularity", 0.5);
            features.put("rec_top_genre", i % 2 == 0 ? "Western" : "Drama");
        }));

        String text = json.writeValueAsString(result);

        assertFalse(text.contains("NaN"));
        assertEquals(result, json.readValue(text, DataQualityResult.class));
        var tree = json.readTree(text);
        assertEquals("Western", tree.at("/features/rec_top_genre/newCategories/0/value").asText());
        assertTrue(tree.at("/features/rec_top_genre/outOfRangeShare").isMissingNode(), "numerical fields left out");
        assertTrue(tree.at("/correlation/pearson/window/0/0").isNull());
        assertEquals(0.5, tree.at("/checks/new_category/value").asDouble());
    }

    @Test
    void referenceWithUnalignedColumnsSkipsCorrelationWithANote() {
        Map<String, List<Object>> reference = new HashMap<>(REFERENCE);
        reference.put("rec_top_score", REFERENCE.get("rec_top_score").subList(0, 100));
        QualityProfile profile = QualityProfile.build(reference);

        DataQualityResult result = CHECKER.check("movie-recs", profile, QualityWindow.builder()
                .addAll(QualityFixtures.window(REFERENCE, EVENTS, 24)).build(0, NOW), null, NOW);

        assertNull(result.correlation().maxChange());
        assertTrue(result.correlation().note().contains("not aligned"));
        assertFalse(result.checks().get("correlation").violated());
    }
}
