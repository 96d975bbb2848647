package dev.recsys.recommender.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A freshly started recommender exports every counter whose labels it knows at 0 (issue 12, item 7), so a
 * dashboard shows 0 rather than "No data": before any request, event or error.
 */
@QuarkusTest
@TestProfile(CountersStartAtZeroTest.FreshApplication.class)
class CountersStartAtZeroTest {

    /** An application of its own, so no other test class has served, failed or dropped anything in it. */
    public static class FreshApplication implements QuarkusTestProfile {
    }

    @Test
    void countersWithKnownLabelsAreExportedAtZeroFromStartUp() {
        String metrics = given().get("http://localhost:19080/q/metrics").then().statusCode(200).extract().asString();
        List<String> expected = new ArrayList<>();
        for (String reason : RecommenderMetrics.DROP_REASONS) {
            expected.add("prediction_events_dropped_total{model=\"movie-recs\",reason=\"" + reason + "\"}");
        }
        for (String type : RecommenderMetrics.ERROR_TYPES) {
            expected.add("model_errors_total{type=\"" + type + "\"}");
        }
        for (String result : new String[] {"hit", "miss", "error"}) {
            expected.add("recommendation_cache_requests_total{result=\"" + result + "\"}");
        }
        expected.add("recommendations_generated_total{model=\"movie-recs\",version=\"1\"}");
        expected.add("recommendation_cold_start_total{model=\"movie-recs\",version=\"1\"}");
        expected.add("prediction_events_published_total{model=\"movie-recs\",version=\"1\"}");
        expected.add("movie_searches_total");
        for (String series : expected) {
            assertTrue(metrics.lines().anyMatch(line -> line.equals(series + " 0.0")), series + " 0.0 missing in "
                    + metrics.lines().filter(line -> line.startsWith(series.split("\\{")[0])).toList());
        }
    }
}
