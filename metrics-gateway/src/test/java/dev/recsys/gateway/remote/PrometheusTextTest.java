package dev.recsys.gateway.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reading the services' Prometheus text to sum counters: a plain unit test. */
class PrometheusTextTest {

    private static final String TEXT = """
            # HELP recommendations_generated_total Lists served
            # TYPE recommendations_generated_total counter
            recommendations_generated_total{model="movie-recs",version="1"} 10.0
            recommendations_generated_total{model="movie-recs",version="2"} 5.0 1700000000000
            recommendations_generated_total{model="other",version="1"} 100.0 # {trace_id="abc"} 1.0
            model_errors_total{type="inference"} 2.0
            model_errors_total{type="load"} 0.0
            odd_label{path="a \\"quoted\\" \\\\ value"} 1.0
            model_loaded{model="movie-recs",version="1"} NaN
            user_rating_bucket{le="+Inf"} 7.0
            process_uptime_seconds 12.5
            not a sample line
            """;

    private final PrometheusText text = PrometheusText.parse(TEXT);

    @Test
    void sumsTheSamplesWhoseLabelsPassTheFilterIgnoringTimestampsAndExemplars() {
        assertEquals(15.0, text.sum("recommendations_generated_total", l -> "movie-recs".equals(l.get("model"))));
        assertEquals(115.0, text.sum("recommendations_generated_total", l -> true));
        assertEquals(12.5, text.sum("process_uptime_seconds", l -> true));
        assertEquals(7.0, text.sum("user_rating_bucket", l -> "+Inf".equals(l.get("le"))));
    }

    @Test
    void aMissingMetricSumsToNullNotZero() {
        assertNull(text.sum("prediction_events_dropped_total", l -> true));
        assertNull(text.sum("recommendations_generated_total", l -> "none".equals(l.get("model"))));
    }

    @Test
    void sumsPerLabelValueAndUnescapesLabelValues() {
        assertEquals(Map.of("inference", 2.0, "load", 0.0), text.sumBy("model_errors_total", "type"));
        assertEquals(Map.of("a \"quoted\" \\ value", 1.0), text.sumBy("odd_label", "path"));
        assertEquals(Map.of("", 12.5), text.sumBy("process_uptime_seconds", "model"));
        assertEquals(Double.NaN, text.sum("model_loaded", l -> true));
    }
}
