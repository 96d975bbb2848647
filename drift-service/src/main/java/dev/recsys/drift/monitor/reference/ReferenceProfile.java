package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.PreparedReference;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's reference sample, prepared once (sorted numbers) for the many windows compared with it.
 *
 * @param origin  where it came from (repository version, admin upload, production baseline)
 * @param quality the data-quality profile of the same reference (raw, row-aligned columns; docs/data-quality.md)
 */
public record ReferenceProfile(ReferenceOrigin origin, int samples, Map<String, PreparedReference> features,
                               QualityProfile quality) {

    /** Parses a reference document ({@code {"features": {…}}}) for drift and for data quality. */
    public static ReferenceProfile of(ReferenceOrigin origin, JsonNode document) {
        return of(origin, ReferenceParser.parse(document), QualityProfile.fromDocument(document));
    }

    public static ReferenceProfile of(ReferenceOrigin origin, Map<String, Column> columns, QualityProfile quality) {
        Map<String, PreparedReference> prepared = new LinkedHashMap<>();
        int samples = 0;
        for (Map.Entry<String, Column> entry : columns.entrySet()) {
            prepared.put(entry.getKey(), PreparedReference.of(entry.getValue()));
            samples = Math.max(samples, entry.getValue().size());
        }
        return new ReferenceProfile(origin, samples, Map.copyOf(prepared), quality);
    }

    /** {@code repository}, {@code admin} or {@code baseline}. */
    public String source() {
        return origin.source();
    }
}
