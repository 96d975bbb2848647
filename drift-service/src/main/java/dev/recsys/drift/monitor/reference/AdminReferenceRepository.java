package dev.recsys.drift.monitor.reference;

import static dev.recsys.drift.monitor.Reactive.await;

import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admin references in PostgreSQL (Hibernate Reactive). The blocking methods are for worker threads
 * (scheduler, blocking endpoints): they run the reactive work on a Vert.x context and wait.
 */
@ApplicationScoped
public class AdminReferenceRepository {

    public Optional<AdminReference> find(String model) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> AdminReference.<AdminReference>findById(model))));
    }

    /** When the model's admin reference was last set: a cheap check before loading a large one. */
    public Optional<Instant> updatedAt(String model) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select r.updatedAt from AdminReference r where r.model = ?1", Instant.class)
                .setParameter(1, model).getSingleResultOrNull()))));
    }

    /** Models with an admin reference (registered for monitoring, with or without a stream). */
    public List<String> models() {
        return await(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select r.model from AdminReference r", String.class).getResultList())));
    }

    /** Inserts or replaces the model's admin reference (last writer wins); {@code featuresJson} is its whole document. */
    public void save(String model, String featuresJson, int samples, Instant updatedAt) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into drift_reference (model, features, samples, updated_at) values (?1, ?2, ?3, ?4) "
                                + "on conflict (model) do update set features = excluded.features, "
                                + "samples = excluded.samples, updated_at = excluded.updated_at")
                .setParameter(1, model).setParameter(2, featuresJson).setParameter(3, samples)
                .setParameter(4, updatedAt).executeUpdate())));
    }

    /** @return whether there was one to delete */
    public boolean delete(String model) {
        Long deleted = await(() -> Panache.withTransaction(() -> AdminReference.delete("model", model)));
        return deleted != null && deleted > 0;
    }
}
