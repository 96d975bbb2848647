package dev.recsys.drift.monitor.reference;

import java.time.Instant;

/**
 * A reference set by {@code PUT /api/v1/drift/models/{model}/reference} (table drift_reference):
 * the request's JSON ({@code {"features": {…}}}), kept verbatim.
 */
public record AdminReference(String model, String features, int samples, Instant updatedAt) {
}
