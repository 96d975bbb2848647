package dev.recsys.recommender.recommend.events;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Event v1 of docs/architecture.md §5: one per served list, in the stream {@code ml:predictions:{model}}. Nulls are written. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PredictionEvent(
        int v,
        String eventId,
        long ts,
        String model,
        String version,
        String requestId,
        String traceId,
        String spanId,
        int userId,
        int k,
        boolean coldStart,
        boolean cached,
        String experiment,
        String variant,
        int[] items,
        float[] scores,
        Map<String, Object> features) {

    public static final int SCHEMA_VERSION = 1;

    public static String stream(String model) {
        return "ml:predictions:" + model;
    }
}
