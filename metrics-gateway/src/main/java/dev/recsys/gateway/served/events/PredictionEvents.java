package dev.recsys.gateway.served.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.gateway.quality.repository.CatalogRepository;
import dev.recsys.gateway.served.ServedList;

/**
 * Reads the served list out of a prediction event (docs/architecture.md §5, field {@code event} of a stream entry).
 * Anything PostgreSQL would refuse for a {@code served_list} row is refused here, so that one bad entry
 * is dead-lettered alone instead of failing its whole batch.
 */
@ApplicationScoped
public class PredictionEvents {

    /** The stream entry field that holds the event JSON. */
    public static final String FIELD = "event";
    /** Longest event read (characters); a recommender event of 100 items is about 3 KB. */
    public static final int MAX_EVENT_CHARS = 64 * 1024;
    /** Most items (and scores) of one list; the recommender serves k ≤ 100. */
    public static final int MAX_ITEMS = 1000;
    /** 9999-12-31T23:59:59.999Z: later times are beyond what the served time column is meant for. */
    private static final long MAX_TS = 253_402_300_799_999L;

    private final ObjectMapper mapper;
    private final CatalogRepository catalogs;

    public PredictionEvents(ObjectMapper mapper, CatalogRepository catalogs) {
        this.mapper = mapper;
        this.catalogs = catalogs;
    }

    /**
     * Blocking (the list's diversity may read its version's catalog once): call it from a worker thread.
     *
     * @throws IllegalArgumentException naming the first field that is missing, of the wrong type or too long
     */
    public ServedList parse(String eventJson) {
        if (eventJson == null) {
            throw new IllegalArgumentException("no field " + FIELD);
        }
        if (eventJson.length() > MAX_EVENT_CHARS) {
            throw new IllegalArgumentException("event longer than " + MAX_EVENT_CHARS + " characters");
        }
        JsonNode event;
        try {
            event = mapper.readTree(eventJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode schema = event.path("v");
        if (!schema.isMissingNode() && !(schema.isIntegralNumber() && schema.asLong() == 1)) {
            throw new IllegalArgumentException("v: schema version 1 expected");
        }
        String requestId = text(event, "requestId", 128, true);
        String model = text(event, "model", 128, true);
        String version = text(event, "version", 64, false);
        String experiment = text(event, "experiment", 128, false);
        String variant = text(event, "variant", 64, false);
        long userId = integer(event, "userId");
        long ts = integer(event, "ts");
        if (ts < 0 || ts > MAX_TS) {
            throw new IllegalArgumentException("ts: epoch milliseconds between 1970 and 9999 expected");
        }
        JsonNode items = event.path("items");
        if (!items.isArray() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("items: an array of at most " + MAX_ITEMS + " movie ids required");
        }
        JsonNode scores = event.path("scores");
        if (!scores.isMissingNode() && !scores.isNull() && !(scores.isArray() && scores.size() <= MAX_ITEMS)) {
            throw new IllegalArgumentException("scores: an array of at most " + MAX_ITEMS + " numbers expected");
        }
        Long[] itemIds = new Long[items.size()];
        Double[] itemScores = new Double[items.size()];
        for (int i = 0; i < itemIds.length; i++) {
            JsonNode item = items.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                throw new IllegalArgumentException("items[" + i + "]: an integer movie id required");
            }
            itemIds[i] = item.asLong();
            JsonNode score = scores.path(i);
            if (score.isNumber() && Double.isFinite(score.asDouble())) {
                itemScores[i] = score.asDouble();
            } else if (!score.isMissingNode() && !score.isNull()) {
                throw new IllegalArgumentException("scores[" + i + "]: a finite number or null expected");
            }
        }
        if (version == null) {
            version = "unknown";
        }
        return new ServedList(requestId, model, version, experiment, variant, userId, Instant.ofEpochMilli(ts),
                itemIds, itemScores, catalogs.intraListDiversity(model, version, itemIds));
    }

    private static String text(JsonNode event, String field, int maxLength, boolean required) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": a string expected");
        }
        String text = value.textValue();
        if (text.isEmpty() && required || text.length() > maxLength) {
            throw new IllegalArgumentException(field + ": 1 to " + maxLength + " characters expected");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + ": control characters are not allowed");
        }
        return text;
    }

    private static long integer(JsonNode event, String field) {
        JsonNode value = event.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + ": an integer required");
        }
        return value.asLong();
    }
}
