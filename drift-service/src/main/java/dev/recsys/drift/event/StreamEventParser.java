package dev.recsys.drift.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code event} field of a stream entry into a {@link StreamEvent} in one streaming pass
 * (no tree): only the envelope fields, trace ids and features are materialised; items, scores
 * and other ids are skipped, because it runs for every event of a window and of the sketch ingest.
 */
public final class StreamEventParser {

    // FastDoubleParser rounds correctly, so values are the same as Double.parseDouble's
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private StreamEventParser() {
    }

    /** The event of UTF-8 JSON bytes, or {@code null} when they are not one readable JSON object. */
    public static StreamEvent parse(byte[] json) {
        return json == null ? null : read(() -> JSON.createParser(json));
    }

    /** The event of a JSON text, or {@code null} when it is not one readable JSON object. */
    public static StreamEvent parse(String json) {
        return json == null ? null : read(() -> JSON.createParser(json));
    }

    private interface Source {
        JsonParser open() throws IOException;
    }

    private static StreamEvent read(Source source) {
        try (JsonParser parser = source.open()) {
            return parser.nextToken() == JsonToken.START_OBJECT ? new Reading().read(parser) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The fields of one event as they are met; a repeated field counts as last seen. */
    private static final class Reading {
        private long eventTime = -1;
        private boolean eventTimeUnreadable;
        private Long ts;
        private Long v;
        private String eventId;
        private String version;
        private String traceId;
        private String spanId;
        private Map<String, Object> features;
        private boolean strict = true;

        StreamEvent read(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "v" -> readV(parser, token);
                    case "eventId" -> eventId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "ts" -> readTs(parser, token);
                    case "version" -> version = token == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    case "traceId" -> traceId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "spanId" -> spanId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "features" -> features = token == JsonToken.START_OBJECT ? readFeatures(parser) : null;
                    default -> { }
                }
                // steps over values not read above (no-op when the value was a scalar or already consumed)
                parser.skipChildren();
            }
            readRest(parser);
            return new StreamEvent(eventTimeUnreadable || eventTime < 0 ? -1 : eventTime, ts, v, eventId, version,
                    traceId, spanId, features, strict);
        }

        /** A {@code v} beyond a long makes the entry unparsable for data quality only. */
        private void readV(JsonParser parser, JsonToken token) throws IOException {
            v = null;
            if (token == JsonToken.VALUE_NUMBER_INT) {
                try {
                    v = parser.getLongValue();
                } catch (InputCoercionException e) {
                    strict = false;
                }
            }
        }

        /**
         * An integer {@code ts} beyond a long is unreadable for both (the exception ends the parse);
         * a fractional one is an event time for drift only, and none at all beyond a long.
         */
        private void readTs(JsonParser parser, JsonToken token) throws IOException {
            ts = null;
            eventTime = -1;
            if (token == JsonToken.VALUE_NUMBER_INT) {
                ts = parser.getLongValue();
                eventTime = ts;
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                try {
                    eventTime = parser.getLongValue();
                } catch (InputCoercionException e) {
                    eventTimeUnreadable = true;
                }
            }
        }

        /** Anything after the object (even broken JSON) only makes the entry unparsable for data quality. */
        private void readRest(JsonParser parser) {
            try {
                if (parser.nextToken() != null) {
                    strict = false;
                }
            } catch (IOException e) {
                strict = false;
            }
        }

        private static Map<String, Object> readFeatures(JsonParser parser) throws IOException {
            FeatureValues features = new FeatureValues();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                Object value = switch (token) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_STRING -> parser.getText();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case START_ARRAY -> {
                        parser.skipChildren();
                        yield List.of();
                    }
                    case START_OBJECT -> {
                        parser.skipChildren();
                        yield Map.of();
                    }
                    default -> null;
                };
                features.add(name, value);
            }
            return features;
        }
    }
}
