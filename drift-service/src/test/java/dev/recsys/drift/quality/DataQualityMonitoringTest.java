package dev.recsys.drift.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.quality.event.QualityEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/**
 * Data quality through the running monitor: events XADDed to the test Redis (db 2), a model
 * repository reference, an admin evaluation, then status, report, history and /q/metrics.
 */
@QuarkusTest
class DataQualityMonitoringTest {

    private static final String MODEL = "quality-model";
    private static final String ADMIN = "Bearer test-admin-token";
    private static final String MODELS = "/api/v1/drift/models/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSON numbers as doubles (RestAssured defaults to float), so shares compare exactly. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Inject
    MonitorFixtures fixtures;
    @Inject
    RedisDataSource redis;

    private void xadd(String event) {
        redis.stream(String.class).xadd("ml:predictions:" + MODEL, Map.of("event", event));
    }

    /** An event of docs/architecture.md §5 around the given features. */
    private static String event(QualityEvent event, long ts) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", 1);
        json.put("eventId", event.eventId());
        json.put("ts", ts);
        json.put("model", MODEL);
        json.put("version", "1");
        json.put("requestId", "r-" + event.eventId());
        json.put("traceId", "0af7651916cd43dd8448eb211c80319c");
        json.put("spanId", "b7ad6b7169203331");
        json.put("userId", 1);
        json.put("k", 3);
        json.put("coldStart", false);
        json.put("cached", false);
        json.put("experiment", null);
        json.put("variant", null);
        json.put("items", List.of(50, 172, 3));
        json.put("scores", List.of(4.6, 4.5, 4.4));
        json.put("features", event.features());
        return JSON.writeValueAsString(json);
    }

    @Test
    void evaluatedWindowCarriesDataQualityInStatusReportHistoryAndMetrics() throws Exception {
        fixtures.reset(MODEL);
        Map<String, List<Object>> reference = QualityFixtures.reference(2000, 7);
        fixtures.repository(MODEL, 1, Map.of("model", MODEL, "version", 1, "samples", 2000, "features", reference));
        List<QualityEvent> events = QualityFixtures.window(reference, 600, 8, (i, features) -> {
            if (i % 6 == 0) {
                features.put("rec_top_genre", "Film-Noir");
            }
        });
        long first = System.currentTimeMillis() - 40_000;
        for (int i = 0; i < events.size(); i++) {
            xadd(event(events.get(i), first + i * 50L));
        }
        xadd(event(events.get(1), first + 30_000));
        xadd("{not json");

        given().config(DOUBLES).header("Authorization", ADMIN).when().post(MODELS + MODEL + "/evaluate").then()
                .statusCode(200)
                .body("dataQuality.events", is(602))
                .body("dataQuality.checkedEvents", is(600))
                .body("dataQuality.violations", containsInAnyOrder("new_category", "duplicates", "schema"))
                .body("dataQuality.features.rec_top_genre.newCategoryShare", closeTo(100 / 600.0, 1e-12))
                .body("dataQuality.features.rec_top_genre.newCategories[0].value", equalTo("Film-Noir"))
                .body("dataQuality.duplicates.count", is(1))
                .body("dataQuality.schema.unparsable", is(1))
                .body("dataQuality.checks.correlation.violated", is(false))
                .body("dataQuality.checks.freshness.violated", is(false));

        given().when().get(MODELS + MODEL + "/status").then()
                .statusCode(200)
                .body("dataQuality.violations", containsInAnyOrder("new_category", "duplicates", "schema"))
                .body("dataQuality.correlation.features", hasItem("rec_mean_score"))
                .body("dataQuality.correlation.skipped.size()", is(0));

        given().when().get(MODELS + MODEL + "/report").then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("Data quality"))
                .body(containsString("Violated: new_category, duplicates, schema"))
                .body(containsString("Film-Noir (100)"))
                .body(containsString("aria-label=\"Pearson change\""))
                .body(containsString("aria-label=\"Spearman change\""));

        given().config(DOUBLES).when().get(MODELS + MODEL + "/history").then()
                .statusCode(200)
                .body("evaluations[-1].dataQuality.passed", is(false))
                .body("evaluations[-1].dataQuality.violations", containsInAnyOrder("new_category", "duplicates", "schema"))
                .body("evaluations[-1].dataQuality.checks.duplicates.value", is(1.0))
                .body("evaluations[-1].dataQuality.checks.range.features", is(List.of()))
                .body("evaluations[-1].dataQuality.features", nullValue());

        String metrics = given().port(19081).when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertMetric(metrics, "data_quality_new_category_share", "feature=\"rec_top_genre\",model=\"" + MODEL + "\"",
                "0.1666");
        assertMetric(metrics, "data_quality_missing_share", "feature=\"rec_mean_popularity\",model=\"" + MODEL + "\"",
                "0.0");
        assertMetric(metrics, "data_quality_out_of_range_share", "feature=\"rec_top_score\",model=\"" + MODEL + "\"",
                "0.0");
        assertMetric(metrics, "data_quality_violations_total", "check=\"duplicates\",model=\"" + MODEL + "\"", "1.0");
        assertMetric(metrics, "data_quality_violations_total", "check=\"range\",model=\"" + MODEL + "\"", "0.0");
        assertMetric(metrics, "data_freshness_seconds", "model=\"" + MODEL + "\"", "");
        assertMetric(metrics, "feature_correlation_change_max", "model=\"" + MODEL + "\"", "0.");
    }

    /** A sample line {@code name{labels} value} whose value starts with {@code valuePrefix}. */
    private static void assertMetric(String metrics, String name, String labels, String valuePrefix) {
        org.hamcrest.MatcherAssert.assertThat(metrics, matchesPattern("(?s).*\\n" + name + "\\{" + labels + "\\} "
                + java.util.regex.Pattern.quote(valuePrefix) + ".*"));
    }
}
