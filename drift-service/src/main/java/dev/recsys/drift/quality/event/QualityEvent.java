package dev.recsys.drift.quality.event;

import java.util.Map;
import java.util.Objects;

/**
 * A prediction event (docs/architecture.md §5) as the data-quality checks see it: the envelope fields they need
 * and the raw feature values. A feature value is {@code null} (sent as null), a {@link Number}, a
 * {@link String} or a {@link Boolean}; anything else (a list, a map) is a wrong type for every feature.
 */
public record QualityEvent(String eventId, long ts, Map<String, Object> features) {

    public QualityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(features, "features");
    }
}
