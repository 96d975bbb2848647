package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.event.StreamEvent;

import java.util.Map;

/**
 * The parts of a prediction event (docs/architecture.md §5) the drift monitor uses. Feature values are
 * {@link Double}, {@link String} or {@link Boolean} (a label); anything else is no value.
 */
public record PredictionEvent(long ts, String version, String traceId, String spanId, Map<String, Object> features) {

    /** Longest model version the monitor reads (the model repository's versions are integers). */
    public static final int MAX_VERSION_LENGTH = 64;

    /** The drift monitor's reading of a stream entry, or {@code null} when it has no event time or a longer version. */
    public static PredictionEvent of(StreamEvent event) {
        if (event == null || event.eventTime() < 0
                || event.version() != null && event.version().length() > MAX_VERSION_LENGTH) {
            return null;
        }
        return new PredictionEvent(event.eventTime(), event.version(), event.traceId(), event.spanId(),
                event.features() == null ? Map.of() : event.features());
    }
}
