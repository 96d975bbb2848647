package dev.recsys.drift.monitor.stream;

import java.util.Map;

/**
 * The parts of a prediction event (DESIGN §5) the drift monitor uses. Feature values are
 * {@link Double}, {@link String} (booleans as "true"/"false") or {@code null}.
 */
public record PredictionEvent(long ts, String version, String traceId, String spanId, Map<String, Object> features) {
}
