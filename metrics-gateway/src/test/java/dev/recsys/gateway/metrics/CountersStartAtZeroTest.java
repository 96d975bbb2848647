package dev.recsys.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.recsys.gateway.feedback.service.FeedbackMetrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A freshly started gateway exports its counters with known labels at 0 (issue 12, item 7), and the user_rating
 * histogram with its half-star buckets, before any feedback arrives.
 */
@QuarkusTest
@TestProfile(CountersStartAtZeroTest.FreshApplication.class)
class CountersStartAtZeroTest {

    /** An application of its own, so no other test class has stored feedback in it. */
    public static class FreshApplication implements QuarkusTestProfile {
    }

    @Test
    void feedbackCountersAndRatingBucketsAreExportedAtZeroFromStartUp() {
        String metrics = given().get("http://localhost:19082/q/metrics").then().statusCode(200).extract().asString();
        List<String> expected = new ArrayList<>();
        for (String event : FeedbackMetrics.EVENTS) {
            expected.add("user_feedback_total{event=\"" + event + "\"}");
        }
        for (String le : new String[] {"0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0", "+Inf"}) {
            expected.add("user_rating_bucket{le=\"" + le + "\"}");
        }
        expected.add("user_rating_count");
        expected.add("gateway_served_lists_stored_total");
        expected.add("gateway_prediction_events_invalid_total");
        for (String series : expected) {
            assertTrue(metrics.lines().anyMatch(line -> line.equals(series + " 0.0")), series + " 0.0 missing in "
                    + metrics.lines().filter(line -> line.startsWith(series.split("[{ ]")[0])).toList());
        }
    }
}
