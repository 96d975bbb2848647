package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.monitor.stream.PredictionEvent;

import java.util.Arrays;
import java.util.List;

/**
 * Why a stream entry cannot be summarised (docs/drift-monitoring.md, "Dead letters"): such an entry
 * goes to {@code ml:deadletter:drift:{model}} as the sketches' watermark passes it, so it never blocks them.
 */
public enum Poison {
    /** The {@code event} field is longer than {@link #MAX_EVENT_CHARS} bytes (e.g. huge arrays); kept truncated. */
    TOO_LARGE("too_large"),
    /** No {@code event} field, or not one JSON object. */
    UNREADABLE("unreadable"),
    /** {@code ts} missing, not a number, negative or beyond a long. */
    NO_EVENT_TIME("no_event_time"),
    /** {@code features} missing or not an object. */
    NO_FEATURES("no_features"),
    /** {@code version} longer than {@link PredictionEvent#MAX_VERSION_LENGTH} characters. */
    BAD_VERSION("bad_version"),
    /** {@code v} present but not 1: an event of a schema this service does not read. */
    BAD_SCHEMA("bad_schema");

    /** Largest {@code event} field parsed (a v1 event with 7 features is about 600 characters). */
    static final int MAX_EVENT_CHARS = 64 * 1024;

    final String id;

    /** Every reason, as {@code drift_deadletter_events_total{reason}} and the dead letters' {@code reason} name them. */
    public static final List<String> REASONS = Arrays.stream(values()).map(p -> p.id).toList();

    Poison(String id) {
        this.id = id;
    }

    /** The reason a parsed entry is poison, or {@code null} when it is a prediction event to summarise. */
    static Poison of(StreamEvent entry) {
        if (entry == null) {
            return UNREADABLE;
        }
        if (entry.eventTime() < 0) {
            return NO_EVENT_TIME;
        }
        if (entry.features() == null) {
            return NO_FEATURES;
        }
        if (entry.version() != null && entry.version().length() > PredictionEvent.MAX_VERSION_LENGTH) {
            return BAD_VERSION;
        }
        if (entry.v() != null && entry.v() != 1) {
            return BAD_SCHEMA;
        }
        return null;
    }
}
