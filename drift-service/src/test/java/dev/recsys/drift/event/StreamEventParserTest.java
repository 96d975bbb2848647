package dev.recsys.drift.event;

import dev.recsys.drift.monitor.stream.PredictionEvent;
import dev.recsys.drift.quality.event.EventRejection;
import dev.recsys.drift.quality.event.QualityEvent;
import dev.recsys.drift.quality.event.QualityEventParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** One parse feeds drift ({@link PredictionEvent}) and data quality ({@link QualityEventParser}); each keeps its own rules. */
class StreamEventParserTest {

    /** An event of docs/architecture.md §5 with a non-ASCII label: the byte path must decode UTF-8 as the text path does. */
    private static final String EVENT = "{\"v\":1,\"eventId\":\"6f1c\",\"ts\":1732345678901,\"version\":\"2\","
            + "\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\",\"items\":[50,172],"
            + "\"scores\":[4.61,4.52],\"extra\":{\"nested\":[1,{\"ts\":2}]},\"features\":{\"user_rating_count\":57,"
            + "\"rec_top_genre\":\"Drame \u00e0 cl\u00e9\",\"known\":true,\"missing\":null}}";

    private static PredictionEvent drift(String json) {
        return PredictionEvent.of(StreamEventParser.parse(json));
    }

    private static EventRejection rejection(String json) {
        return ((QualityEventParser.Rejected) QualityEventParser.parse(json)).reason();
    }

    @Test
    void bytesAndTextGiveTheSameEventForBothReaders() {
        StreamEvent fromBytes = StreamEventParser.parse(EVENT.getBytes(StandardCharsets.UTF_8));
        assertEquals(StreamEventParser.parse(EVENT), fromBytes);

        PredictionEvent event = PredictionEvent.of(fromBytes);
        assertEquals(1732345678901L, event.ts());
        assertEquals("2", event.version());
        assertEquals("0af7651916cd43dd8448eb211c80319c", event.traceId());
        assertEquals("b7ad6b7169203331", event.spanId());
        // one map of values for both readers; QualityEventParserTest pins its contents
        QualityEvent quality = ((QualityEventParser.Parsed) QualityEventParser.outcome(fromBytes)).event();
        assertEquals("6f1c", quality.eventId());
        assertEquals(1732345678901L, quality.ts());
        assertSame(quality.features(), event.features());
        assertEquals(57.0, event.features().get("user_rating_count"));
        assertEquals("Drame à clé", event.features().get("rec_top_genre"));
        assertEquals(Boolean.TRUE, event.features().get("known"));
    }

    @Test
    void theGoldenEventV1ReadsTheSameForDriftAndDataQuality() throws Exception {
        // docs/events/prediction-event-v1.json: the recommender's PredictionEventGoldenTest writes exactly these bytes
        StreamEvent golden = StreamEventParser.parse(Files.readAllBytes(Path.of("..", "docs", "events",
                "prediction-event-v1.json")));

        PredictionEvent event = PredictionEvent.of(golden);
        assertEquals(1732345678901L, event.ts());
        assertEquals("1", event.version());
        assertEquals("0af7651916cd43dd8448eb211c80319c", event.traceId());
        assertEquals("b7ad6b7169203331", event.spanId());
        Map<String, Object> expected = new HashMap<>();
        expected.put("user_rating_count", 57.0);
        expected.put("user_mean_rating", 3.6);
        expected.put("user_segment", "casual");
        expected.put("rec_mean_score", 4.402);
        expected.put("rec_top_score", 4.61);
        expected.put("rec_mean_popularity", 0.43);
        expected.put("rec_top_genre", "Drama");
        assertEquals(expected, event.features());

        QualityEvent quality = ((QualityEventParser.Parsed) QualityEventParser.outcome(golden)).event();
        assertEquals("3b241101-e2bb-4255-8caf-4136c566a962", quality.eventId());
        assertEquals(1732345678901L, quality.ts());
        assertEquals(expected, quality.features());
    }

    @Test
    void driftReadsAnyNumericTsWhileDataQualityWantsAnInteger() {
        String json = "{\"v\":1,\"eventId\":\"a\",\"ts\":1732345678901.9,\"features\":{}}";
        assertEquals(1732345678901L, drift(json).ts());
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection(json));
    }

    @Test
    void withoutAUsableTsDriftSkipsTheEntry() {
        assertNull(drift("{\"v\":1,\"eventId\":\"a\",\"features\":{}}"));
        assertNull(drift("{\"ts\":\"now\"}"));
        assertNull(drift("{\"ts\":-5}"));
        assertNull(drift("{\"ts\":1e400}"));
        assertNull(drift("{\"ts\":1e400,\"ts\":5}"));
        assertNull(drift("{\"ts\":99999999999999999999}"));
        assertEquals(EventRejection.UNPARSABLE, rejection("{\"ts\":99999999999999999999}"));
    }

    @Test
    void contentAfterTheObjectOnlyBreaksTheEventForDataQuality() {
        for (String json : List.of("{\"v\":1,\"eventId\":\"a\",\"ts\":7,\"features\":{}} {}",
                "{\"v\":1,\"eventId\":\"a\",\"ts\":7,\"features\":{}} oops")) {
            assertEquals(7, drift(json).ts());
            assertEquals(EventRejection.UNPARSABLE, rejection(json));
        }
    }

    @Test
    void aVersionBeyondALongOnlyBreaksTheEventForDataQuality() {
        String json = "{\"v\":99999999999999999999,\"eventId\":\"a\",\"ts\":7,\"features\":{}}";
        assertEquals(7, drift(json).ts());
        assertEquals(EventRejection.UNPARSABLE, rejection(json));
    }

    @Test
    void brokenJsonIsUnreadableForBoth() {
        for (String json : new String[] {"{\"ts\":7,", "not json", "[]", "", null}) {
            assertNull(drift(json));
            assertEquals(EventRejection.UNPARSABLE, rejection(json));
        }
        assertNull(StreamEventParser.parse((byte[]) null));
    }

    @Test
    void mistypedDriftFieldsAreNullAndStructuredValuesAreSteppedOver() {
        PredictionEvent event = drift("{\"ts\":7,\"version\":{\"ts\":1},\"traceId\":[\"x\"],\"spanId\":5,"
                + "\"features\":{\"a\":1}}");
        assertEquals(7, event.ts());
        assertNull(event.version());
        assertNull(event.traceId());
        assertNull(event.spanId());
        assertEquals(Map.of("a", 1.0), event.features());
        assertEquals("3", drift("{\"ts\":7,\"version\":3}").version());
        assertEquals(Map.of(), drift("{\"ts\":7,\"features\":[1]}").features());
    }

    @Test
    void featuresReadAsAMapWhoseRepeatedNamesCountAsLastSeenAtAnySize() {
        for (int count : new int[] {3, FeatureValues.SCAN_LIMIT, FeatureValues.SCAN_LIMIT + 1, 200}) {
            StringBuilder json = new StringBuilder("{\"ts\":7,\"features\":{");
            Map<String, Object> expected = new HashMap<>();
            for (int i = 0; i < count; i++) {
                json.append("\"f").append(i).append("\":").append(i).append(',');
                expected.put("f" + i, (double) i);
            }
            // every third name again, with a label: the later value wins, in place
            for (int i = 0; i < count; i += 3) {
                json.append("\"f").append(i).append("\":\"again\",");
                expected.put("f" + i, "again");
            }
            json.append("\"gone\":null}}");
            expected.put("gone", null);
            Map<String, Object> features = drift(json.toString()).features();
            assertEquals(expected, features, count + " names");
            assertEquals(expected.hashCode(), features.hashCode());
            assertEquals(count + 1, features.size());
            assertEquals("again", features.get("f0"));
            assertEquals(true, features.containsKey("gone"));
            assertNull(features.get("absent"));
            List<String> order = new java.util.ArrayList<>();
            features.forEach((name, value) -> order.add(name));
            assertEquals("f0", order.get(0), "names keep the order first met");
            assertEquals("gone", order.get(order.size() - 1));
        }
    }
}
