package dev.recsys.drift.quality.event;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QualityEventParserTest {

    private static EventRejection rejection(String json) {
        return ((QualityEventParser.Rejected) QualityEventParser.parse(json)).reason();
    }

    @Test
    void readsTheEnvelopeAndFeaturesOfADesignEvent() {
        String json = """
                {"v":1,"eventId":"6f1c","ts":1732345678901,"model":"movie-recs","version":"1",
                 "requestId":"r","traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331",
                 "userId":1,"k":10,"coldStart":false,"cached":false,"experiment":null,"variant":null,
                 "items":[50,172],"scores":[4.61,4.52],"extra":{"nested":[1,{"a":2}]},
                 "features":{"user_rating_count":57,"user_mean_rating":3.6,"user_segment":"casual",
                             "user_mean_rating_known":true,"missing":null,"listy":[1],"mappy":{"a":1}}}
                """;

        QualityEvent event = ((QualityEventParser.Parsed) QualityEventParser.parse(json)).event();

        assertEquals("6f1c", event.eventId());
        assertEquals(1732345678901L, event.ts());
        Map<String, Object> expected = new HashMap<>();
        expected.put("user_rating_count", 57.0);
        expected.put("user_mean_rating", 3.6);
        expected.put("user_segment", "casual");
        expected.put("user_mean_rating_known", true);
        expected.put("missing", null);
        expected.put("listy", List.of());
        expected.put("mappy", Map.of());
        assertEquals(expected, event.features());
    }

    @Test
    void brokenJsonIsUnparsable() {
        assertEquals(EventRejection.UNPARSABLE, rejection("{\"v\":1,"));
        assertEquals(EventRejection.UNPARSABLE, rejection("not json"));
        assertEquals(EventRejection.UNPARSABLE, rejection("[]"));
        assertEquals(EventRejection.UNPARSABLE, rejection("{} {}"));
        assertEquals(EventRejection.UNPARSABLE, rejection(""));
        assertEquals(EventRejection.UNPARSABLE, rejection(null));
    }

    @Test
    void otherVersionsAreUnsupported() {
        assertEquals(EventRejection.UNSUPPORTED_VERSION, rejection("{\"v\":2,\"eventId\":\"a\",\"ts\":1,\"features\":{}}"));
        assertEquals(EventRejection.UNSUPPORTED_VERSION, rejection("{\"v\":0}"));
    }

    @Test
    void missingOrMistypedEnvelopeFieldsAreInvalid() {
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"eventId\":\"a\",\"ts\":1,\"features\":{}}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":\"1\",\"eventId\":\"a\",\"ts\":1,\"features\":{}}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":1,\"eventId\":7,\"ts\":1,\"features\":{}}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":1,\"eventId\":\"\",\"ts\":1,\"features\":{}}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":1,\"eventId\":\"a\",\"ts\":\"now\",\"features\":{}}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":1,\"eventId\":\"a\",\"ts\":[1],\"features\":{}}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":1,\"eventId\":\"a\",\"ts\":1,\"features\":[]}"));
        assertEquals(EventRejection.INVALID_ENVELOPE, rejection("{\"v\":1,\"eventId\":\"a\",\"ts\":1}"));
    }

    @Test
    void windowBuilderCountsRejectionsByReason() {
        QualityWindow window = QualityWindow.builder()
                .addJson("{\"v\":1,\"eventId\":\"a\",\"ts\":1,\"features\":{}}")
                .addJson("{")
                .addJson("{")
                .addJson("{\"v\":3}")
                .build(0, 10);

        assertEquals(1, window.events().size());
        assertEquals(2, window.rejectedCount(EventRejection.UNPARSABLE));
        assertEquals(1, window.rejectedCount(EventRejection.UNSUPPORTED_VERSION));
        assertEquals(0, window.rejectedCount(EventRejection.INVALID_ENVELOPE));
        assertEquals(4, window.size());
    }
}
