package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.common.db.DatabaseException;
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
 * served. Admin references are kept in PostgreSQL (and cached here, see {@link #resolve}) as their {@code {"features": {…}}} document; a
 * baseline's document also carries {@code "baseline": {"from", "to", "events"}}.
 */
@ApplicationScoped
public class ReferenceService {

    private static final String BASELINE = "baseline";

    private final AdminReferenceRepository admin;
    private final RepositoryReferences repository;
    private final BaselineReader baselines;
    private final ObjectMapper json;
    /**
     * Per model, the admin reference last read (parsed, valid while the row's updatedAt is unchanged)
     * or empty when it had none; the answer used while PostgreSQL is unavailable.
     */
    private final Map<String, Optional<CachedAdmin>> adminCache = new ConcurrentHashMap<>();
    private final Database db;

    public ReferenceService(AdminReferenceRepository admin, RepositoryReferences repository, BaselineReader baselines,
                            ObjectMapper json, Database db) {
        this.admin = admin;
        this.repository = repository;
        this.baselines = baselines;
        this.json = json;
        this.db = db;
    }

    /**
     * The reference for the model's next window. The admin reference is looked up in PostgreSQL
     * (its timestamp only, while unchanged); when PostgreSQL fails or is being backed off from, the
     * last lookup's answer is used, so evaluation goes on from the cached reference during an outage.
     *
     * @param servedVersion the {@code version} of the newest events, or {@code null} when unknown
     * @throws DatabaseException when PostgreSQL is unavailable and this instance has not looked the model up yet
     */
    public Optional<ReferenceProfile> resolve(String model, String servedVersion) {
        Optional<CachedAdmin> admin = adminReference(model);
        return admin.isPresent() ? Optional.of(admin.get().profile()) : repository.reference(model, servedVersion);
    }

    private Optional<CachedAdmin> adminReference(String model) {
        Optional<CachedAdmin> known = adminCache.get(model);
        if (known != null && db.availability().backingOff()) {
            return known;
        }
        try {
            Optional<CachedAdmin> current = lookUp(model, known);
            adminCache.put(model, current);
            return current;
        } catch (DatabaseException e) {
            if (known == null || !e.retryable()) {
                throw e;
            }
            return known;
        }
    }

    /** Reads the admin reference unless its timestamp is that of the cached one. */
    private Optional<CachedAdmin> lookUp(String model, Optional<CachedAdmin> known) {
        // a baseline can hold the exact cap of events: only its timestamp is read while it is unchanged
        Optional<Instant> updatedAt = admin.updatedAt(model);
        if (updatedAt.isEmpty()) {
            return Optional.empty();
        }
        if (known != null && known.isPresent() && known.get().updatedAt().equals(updatedAt.get())) {
            return known;
        }
        return admin.find(model).map(this::parse);
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
        boolean deleted = admin.delete(model);
        adminCache.put(model, Optional.empty());
        return deleted;
    }

    /** Features of the repository reference of the served (or newest) version. */
    public Set<String> repositoryFeatures(String model, String servedVersion) {
        return repository.reference(model, servedVersion).map(profile -> profile.features().keySet()).orElse(Set.of());
    }

    /** Stores the admin reference and caches it, so this instance evaluates with it even if PostgreSQL fails next. */
    private void store(String model, ObjectNode document, ReferenceProfile profile, Instant updatedAt) {
        try {
            admin.save(model, json.writeValueAsString(document), profile.samples(), updatedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        adminCache.put(model, Optional.of(new CachedAdmin(updatedAt, profile)));
    }

    private CachedAdmin parse(AdminReference stored) {
        try {
            JsonNode document = json.readTree(stored.features());
            return new CachedAdmin(stored.updatedAt(), ReferenceProfile.of(origin(document, stored.updatedAt()), document));
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
