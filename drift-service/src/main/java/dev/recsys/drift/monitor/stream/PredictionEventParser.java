package dev.recsys.drift.monitor.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Streaming parse of the event JSON: only {@code ts}, {@code version}, trace ids and
 * {@code features} are materialised; item and score arrays are skipped, which keeps window
 * reads and sketch ingest cheap.
 */
public final class PredictionEventParser {

    private static final JsonFactory JSON = new JsonFactory();

    private PredictionEventParser() {
    }

    /** The event, or {@code null} when the payload is not a v1 event with a {@code ts}. */
    public static PredictionEvent parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            long ts = -1;
            String version = null;
            String traceId = null;
            String spanId = null;
            Map<String, Object> features = Map.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "ts" -> ts = value.isNumeric() ? parser.getLongValue() : -1;
                    case "version" -> version = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    case "traceId" -> traceId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "spanId" -> spanId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "features" -> features = value == JsonToken.START_OBJECT ? readFeatures(parser) : Map.of();
                    default -> parser.skipChildren();
                }
            }
            return ts < 0 ? null : new PredictionEvent(ts, version, traceId, spanId, features);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, Object> readFeatures(JsonParser parser) throws IOException {
        Map<String, Object> features = new HashMap<>(16);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            features.put(name, switch (value) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_STRING -> parser.getText();
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case START_OBJECT, START_ARRAY -> {
                    parser.skipChildren();
                    yield null;
                }
                default -> null;
            });
        }
        return features;
    }
}
