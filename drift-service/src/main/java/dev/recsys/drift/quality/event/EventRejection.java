package dev.recsys.drift.quality.event;

/** Why an event of a window could not be read at all; each is a schema violation. */
public enum EventRejection {
    /** Not a JSON object (broken JSON, trailing garbage, not an object). */
    UNPARSABLE,
    /** A {@code v} other than the supported event version. */
    UNSUPPORTED_VERSION,
    /** {@code v}, {@code eventId}, {@code ts} or {@code features} missing or of the wrong JSON type. */
    INVALID_ENVELOPE
}
