package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.drift.engine.Column;
import dev.recsys.drift.quality.profile.QualityProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which reference a model's windows are compared with: the admin reference (an uploaded sample or
 * a production baseline) while one is set, otherwise the repository reference of the version being
 * served. Admin references are kept in PostgreSQL as their {@code {"features": {…}}} document; a
 * baseline's document also carries {@code "baseline": {"from", "to", "events"}}.
 */
@ApplicationScoped
public class ReferenceService {

    private static final String BASELINE = "baseline";

    private final AdminReferenceRepository admin;
    private final RepositoryReferences repository;
    private final BaselineReader baselines;
    private final ObjectMapper json;
    /** Parsed admin references by model, valid while the row's updatedAt is unchanged. */
    private final Map<String, CachedAdmin> adminCache = new ConcurrentHashMap<>();

    public ReferenceService(AdminReferenceRepository admin, RepositoryReferences repository, BaselineReader baselines,
                            ObjectMapper json) {
        this.admin = admin;
        this.repository = repository;
        this.baselines = baselines;
        this.json = json;
    }

    /** @param servedVersion the {@code version} of the newest events, or {@code null} when unknown */
    public Optional<ReferenceProfile> resolve(String model, String servedVersion) {
        // a baseline can hold the exact cap of events: only its timestamp is read while it is unchanged
        Optional<Instant> updatedAt = admin.updatedAt(model);
        if (updatedAt.isPresent()) {
            CachedAdmin cached = adminCache.get(model);
            if (cached != null && cached.updatedAt().equals(updatedAt.get())) {
                return Optional.of(cached.profile());
            }
            Optional<AdminReference> stored = admin.find(model);
            if (stored.isPresent()) {
                return Optional.of(adminProfile(stored.get()));
            }
        }
        adminCache.remove(model);
        return repository.reference(model, servedVersion);
    }

    /**
     * Validates and stores an uploaded reference ({@code {"features": {…}}}).
     *
     * @param knownFeatures features the model is known to have; empty when nothing is known yet
     * @throws InvalidReferenceException for an empty reference or unknown features
     */
    public ReferenceProfile replace(String model, JsonNode document, Set<String> knownFeatures) {
        Map<String, Column> columns = ReferenceParser.parse(document);
        if (!knownFeatures.isEmpty()) {
            for (String feature : columns.keySet()) {
                if (!knownFeatures.contains(feature)) {
                    throw new InvalidReferenceException("features." + feature,
                            "unknown feature; known features are " + new TreeSet<>(knownFeatures));
                }
            }
        }
        Instant now = Instant.now();
        ReferenceProfile profile = ReferenceProfile.of(ReferenceOrigin.admin(now.toEpochMilli()), columns,
                QualityProfile.fromDocument(document));
        store(model, json.createObjectNode().set("features", document.get("features")), profile, now);
        return profile;
    }

    /**
     * Pins a production baseline: the model's own events of {@code {"from", "to"}} become its reference.
     *
     * @throws InvalidReferenceException naming the {@code baseline} field when the range is not usable
     */
    public ReferenceProfile pinBaseline(String model, JsonNode range) {
        BaselineReader.Baseline baseline = baselines.read(model, range);
        ObjectNode document = json.createObjectNode();
        document.set("features", baseline.features());
        document.putObject(BASELINE).put("from", baseline.from()).put("to", baseline.to())
                .put("events", baseline.events());
        Instant now = Instant.now();
        ReferenceProfile profile;
        try {
            profile = ReferenceProfile.of(origin(document, now), document);
        } catch (InvalidReferenceException e) {
            // e.g. a feature that has no value in any event of the range
            throw new InvalidReferenceException(BASELINE, e.getMessage());
        }
        store(model, document, profile, now);
        return profile;
    }

    /** Drops the admin reference; the repository reference applies again. */
    public boolean clear(String model) {
        adminCache.remove(model);
        return admin.delete(model);
    }

    /** Features of the repository reference of the served (or newest) version. */
    public Set<String> repositoryFeatures(String model, String servedVersion) {
        return repository.reference(model, servedVersion).map(profile -> profile.features().keySet()).orElse(Set.of());
    }

    private void store(String model, ObjectNode document, ReferenceProfile profile, Instant updatedAt) {
        try {
            admin.save(model, json.writeValueAsString(document), profile.samples(), updatedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        adminCache.remove(model);
    }

    private ReferenceProfile adminProfile(AdminReference stored) {
        CachedAdmin cached = adminCache.get(stored.model);
        if (cached != null && cached.updatedAt().equals(stored.updatedAt)) {
            return cached.profile();
        }
        try {
            JsonNode document = json.readTree(stored.features);
            ReferenceProfile profile = ReferenceProfile.of(origin(document, stored.updatedAt), document);
            adminCache.put(stored.model, new CachedAdmin(stored.updatedAt, profile));
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReferenceOrigin origin(JsonNode document, Instant updatedAt) {
        JsonNode baseline = document.get(BASELINE);
        if (baseline == null) {
            return ReferenceOrigin.admin(updatedAt.toEpochMilli());
        }
        return ReferenceOrigin.baseline(updatedAt.toEpochMilli(), baseline.path("from").asLong(),
                baseline.path("to").asLong(), baseline.path("events").asInt());
    }

    private record CachedAdmin(Instant updatedAt, ReferenceProfile profile) {
    }
}
