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
 * @param source  {@code admin} or {@code repository}
 * @param version the model version whose reference.json this is; {@code null} for an admin reference
 * @param quality the data-quality profile of the same reference (raw, row-aligned columns; docs/data-quality.md)
 */
public record ReferenceProfile(String source, String version, int samples, Map<String, PreparedReference> features,
                               QualityProfile quality) {

    public static final String ADMIN = "admin";
    public static final String REPOSITORY = "repository";

    /** Parses a reference document ({@code {"features": {…}}}) for drift and for data quality. */
    public static ReferenceProfile of(String source, String version, JsonNode document) {
        return of(source, version, ReferenceParser.parse(document), QualityProfile.fromDocument(document));
    }

    public static ReferenceProfile of(String source, String version, Map<String, Column> columns,
                                      QualityProfile quality) {
        Map<String, PreparedReference> prepared = new LinkedHashMap<>();
        int samples = 0;
        for (Map.Entry<String, Column> entry : columns.entrySet()) {
            prepared.put(entry.getKey(), PreparedReference.of(entry.getValue()));
            samples = Math.max(samples, entry.getValue().size());
        }
        return new ReferenceProfile(source, version, samples, Map.copyOf(prepared), quality);
    }
}
