package dev.recsys.gateway.served.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.gateway.quality.repository.CatalogRepository;
import dev.recsys.gateway.served.ServedList;

/** Reads the served list out of a prediction event (docs/architecture.md §5, field {@code event} of a stream entry). */
@ApplicationScoped
public class PredictionEvents {

    /** The stream entry field that holds the event JSON. */
    public static final String FIELD = "event";

    private final ObjectMapper mapper;
    private final CatalogRepository catalogs;

    public PredictionEvents(ObjectMapper mapper, CatalogRepository catalogs) {
        this.mapper = mapper;
        this.catalogs = catalogs;
    }

    /** Cheap pre-check used while scanning a stream tail for one request id. */
    public static boolean mentions(String eventJson, String requestId) {
        return eventJson != null && eventJson.contains(requestId);
    }

    /**
     * Blocking (the list's diversity may read its version's catalog once): call it from a worker thread.
     *
     * @throws IllegalArgumentException when the event misses what a served list needs
     */
    public ServedList parse(String eventJson) {
        JsonNode event;
        try {
            event = mapper.readTree(eventJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String requestId = text(event, "requestId");
        if (requestId == null || requestId.isEmpty() || requestId.length() > 128) {
            throw new IllegalArgumentException("requestId missing or longer than 128");
        }
        String model = text(event, "model");
        if (model == null || model.isEmpty()) {
            throw new IllegalArgumentException("model missing");
        }
        JsonNode items = event.path("items");
        JsonNode scores = event.path("scores");
        if (!items.isArray() || !event.path("userId").canConvertToLong() || !event.path("ts").canConvertToLong()) {
            throw new IllegalArgumentException("items, userId or ts missing");
        }
        Long[] itemIds = new Long[items.size()];
        Double[] itemScores = new Double[items.size()];
        for (int i = 0; i < itemIds.length; i++) {
            itemIds[i] = items.get(i).asLong();
            JsonNode score = scores.path(i);
            itemScores[i] = score.isNumber() ? score.asDouble() : null;
        }
        String version = text(event, "version") == null ? "unknown" : text(event, "version");
        return new ServedList(requestId, model, version, text(event, "experiment"), text(event, "variant"),
                event.get("userId").asLong(), Instant.ofEpochMilli(event.get("ts").asLong()), itemIds, itemScores,
                catalogs.intraListDiversity(model, version, itemIds));
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
