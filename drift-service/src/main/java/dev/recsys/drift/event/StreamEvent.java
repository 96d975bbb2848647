package dev.recsys.drift.event;

import java.util.Map;

/**
 * A prediction event (docs/architecture.md §5) as read once from its stream entry for every consumer: the drift
 * monitor and the sketch ingest use the event time, version, trace ids and features; the
 * data-quality checks use the envelope ({@code v}, {@code eventId}, an integer {@code ts},
 * {@code features}). The two tolerate different things (drift takes any numeric {@code ts} and
 * ignores what follows the object; data quality takes neither), so both readings are kept.
 *
 * @param eventTime the drift monitor's event time: a numeric {@code ts} as a long; -1 when it is
 *                  missing, not a number, negative or beyond a long
 * @param ts        {@code ts} when it is a JSON integer, else {@code null}
 * @param v         {@code v} when it is a JSON integer, else {@code null}
 * @param eventId   {@code eventId} when it is a string, else {@code null}
 * @param version   the served model version as text; {@code null} when missing, null or not a scalar
 * @param traceId   {@code traceId} when it is a string, else {@code null}
 * @param spanId    {@code spanId} when it is a string, else {@code null}
 * @param features  feature values: {@link Double}, {@link String}, {@link Boolean}, {@code null}, and
 *                  {@code List.of()} / {@code Map.of()} for an array / object; {@code null} when
 *                  {@code features} is not an object
 * @param strict    {@code false} when the entry holds more than the one JSON object or a {@code v}
 *                  beyond a long, which the data-quality checks count as unparsable
 */
public record StreamEvent(long eventTime, Long ts, Long v, String eventId, String version, String traceId,
                          String spanId, Map<String, Object> features, boolean strict) {
}
