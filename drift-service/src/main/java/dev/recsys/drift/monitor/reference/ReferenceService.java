package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Which reference a model's windows are compared with: the admin reference while one is set,
 * otherwise the repository reference of the version being served.
 */
@ApplicationScoped
public class ReferenceService {

    private final AdminReferenceRepository admin;
    private final RepositoryReferences repository;
    private final ObjectMapper json;
    /** Parsed admin references by model, valid while the row's updatedAt is unchanged. */
    private final Map<String, CachedAdmin> adminCache = new ConcurrentHashMap<>();

    public ReferenceService(AdminReferenceRepository admin, RepositoryReferences repository, ObjectMapper json) {
        this.admin = admin;
        this.repository = repository;
        this.json = json;
    }

    /** @param servedVersion the {@code version} of the newest events, or {@code null} when unknown */
    public Optional<ReferenceProfile> resolve(String model, String servedVersion) {
        Optional<AdminReference> stored = admin.find(model);
        if (stored.isPresent()) {
            return Optional.of(adminProfile(stored.get()));
        }
        adminCache.remove(model);
        return repository.reference(model, servedVersion);
    }

    /**
     * Validates and stores an admin reference.
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
        ReferenceProfile profile = ReferenceProfile.of(ReferenceProfile.ADMIN, null, columns,
                QualityProfile.fromDocument(document));
        try {
            admin.save(model, json.writeValueAsString(Map.of("features", document.get("features"))), profile.samples());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        adminCache.remove(model);
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

    private ReferenceProfile adminProfile(AdminReference stored) {
        CachedAdmin cached = adminCache.get(stored.model);
        if (cached != null && cached.updatedAt().equals(stored.updatedAt)) {
            return cached.profile();
        }
        try {
            ReferenceProfile profile = ReferenceProfile.of(ReferenceProfile.ADMIN, null, json.readTree(stored.features));
            adminCache.put(stored.model, new CachedAdmin(stored.updatedAt, profile));
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record CachedAdmin(Instant updatedAt, ReferenceProfile profile) {
    }
}
