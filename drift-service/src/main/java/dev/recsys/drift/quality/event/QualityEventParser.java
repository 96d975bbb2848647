package dev.recsys.drift.quality.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code event} field of a stream entry into a {@link QualityEvent}, or says why it cannot.
 * Streams the JSON (no tree) and skips everything the checks do not need ({@code items},
 * {@code scores}, ids), because it runs for every event of a window.
 */
public final class QualityEventParser {

    /** The event version this service understands. */
    public static final int SUPPORTED_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Either a readable event or the reason it was rejected. */
    public sealed interface Outcome permits Parsed, Rejected {
    }

    public record Parsed(QualityEvent event) implements Outcome {
    }

    public record Rejected(EventRejection reason) implements Outcome {
    }

    private QualityEventParser() {
    }

    public static Outcome parse(String json) {
        if (json == null) {
            return new Rejected(EventRejection.UNPARSABLE);
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Rejected(EventRejection.UNPARSABLE);
            }
            Envelope envelope = readEnvelope(parser);
            if (parser.nextToken() != null) {
                return new Rejected(EventRejection.UNPARSABLE);
            }
            return envelope.outcome();
        } catch (IOException e) {
            return new Rejected(EventRejection.UNPARSABLE);
        }
    }

    private static Envelope readEnvelope(JsonParser parser) throws IOException {
        Envelope envelope = new Envelope();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "v" -> envelope.version = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                case "eventId" -> envelope.eventId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "ts" -> envelope.ts = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                case "features" -> envelope.features = token == JsonToken.START_OBJECT ? readFeatures(parser) : null;
                default -> { }
            }
            // steps over values not read above (no-op when the value was a scalar or already consumed)
            parser.skipChildren();
        }
        return envelope;
    }

    private static Map<String, Object> readFeatures(JsonParser parser) throws IOException {
        Map<String, Object> features = new HashMap<>(16);
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
            features.put(name, value);
        }
        return features;
    }

    private static final class Envelope {
        private Long version;
        private String eventId;
        private Long ts;
        private Map<String, Object> features;

        Outcome outcome() {
            if (version != null && version != SUPPORTED_VERSION) {
                return new Rejected(EventRejection.UNSUPPORTED_VERSION);
            }
            if (version == null || eventId == null || eventId.isEmpty() || ts == null || features == null) {
                return new Rejected(EventRejection.INVALID_ENVELOPE);
            }
            return new Parsed(new QualityEvent(eventId, ts, features));
        }
    }
}
