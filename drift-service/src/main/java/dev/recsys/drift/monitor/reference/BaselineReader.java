package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.stream.PredictionEvent;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A production baseline: the features of a model's own prediction events in an event-time range
 * {@code [from, to)}, read from its stream with the monitor's own reader, as a row-aligned reference
 * document. Bounded: at least the model's {@code min-samples} events, at most {@code drift.exact-cap}
 * (a baseline is read exactly, like an exact window), and only a range the stream still holds.
 */
@ApplicationScoped
public class BaselineReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PredictionStreams streams;
    private final MonitorConfig config;

    public BaselineReader(PredictionStreams streams, MonitorConfig config) {
        this.streams = streams;
        this.config = config;
    }

    /** The pinned range and its events' features ({@code {"name": [values…]}}, one entry per event, null where absent). */
    public record Baseline(long from, long to, int events, ObjectNode features) {
    }

    /**
     * @param request the {@code baseline} member of the PUT body: {@code {"from": epoch ms, "to": epoch ms}}
     * @throws InvalidReferenceException naming the field when the range is malformed or unusable
     */
    public Baseline read(String model, JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new InvalidReferenceException("baseline", "must be an object {\"from\": epoch ms, \"to\": epoch ms}");
        }
        long from = epochMs(request, "from");
        long to = epochMs(request, "to");
        if (from >= to) {
            throw new InvalidReferenceException("baseline.from", "must be before baseline.to");
        }
        if (to > System.currentTimeMillis()) {
            throw new InvalidReferenceException("baseline.to", "is in the future; a baseline is a period already served");
        }
        OptionalLong oldest = streams.oldestEventTime(model);
        if (oldest.isEmpty()) {
            throw new InvalidReferenceException("baseline", "model " + model + " has no prediction events yet; "
                    + "upload a reference with 'features' to set monitoring up before launch");
        }
        if (from < oldest.getAsLong()) {
            throw new InvalidReferenceException("baseline.from", "is before the oldest event the stream still holds ("
                    + oldest.getAsLong() + ", " + Instant.ofEpochMilli(oldest.getAsLong())
                    + "); older events were trimmed or never served, so the range would be incomplete");
        }
        int cap = config.exactCap();
        Rows rows = new Rows();
        if (!streams.readRange(model, from, to, cap, rows::add)) {
            throw new InvalidReferenceException("baseline", "the range holds more than " + cap
                    + " events (drift.exact-cap); choose a shorter range");
        }
        int minSamples = ModelWindow.of(config, model).minSamples();
        if (rows.count < minSamples) {
            throw new InvalidReferenceException("baseline", "the range holds " + rows.count
                    + " events, fewer than the " + minSamples + " a window needs (drift.min-samples)");
        }
        return new Baseline(from, to, rows.count, rows.document());
    }

    private static long epochMs(JsonNode request, String name) {
        JsonNode value = request.get(name);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidReferenceException("baseline." + name, "must be a non-negative integer (epoch milliseconds)");
        }
        return value.asLong();
    }

    /** Feature columns, one value per event so far (null where an event lacks the feature or has no scalar). */
    private static final class Rows {
        private final Map<String, ArrayNode> columns = new LinkedHashMap<>();
        private int count;

        void add(PredictionEvent event) {
            event.features().forEach((name, value) -> {
                ArrayNode column = columns.computeIfAbsent(name, n -> {
                    ArrayNode fresh = NODES.arrayNode();
                    for (int i = 0; i < count; i++) {
                        fresh.addNull();
                    }
                    return fresh;
                });
                if (value instanceof Double number) {
                    column.add(number);
                } else if (value instanceof String label) {
                    column.add(label);
                } else if (value instanceof Boolean flag) {
                    column.add(flag);
                } else {
                    column.addNull();
                }
            });
            count++;
            for (ArrayNode column : columns.values()) {
                if (column.size() < count) {
                    column.addNull();
                }
            }
        }

        ObjectNode document() {
            ObjectNode features = NODES.objectNode();
            columns.forEach(features::set);
            return features;
        }
    }
}
