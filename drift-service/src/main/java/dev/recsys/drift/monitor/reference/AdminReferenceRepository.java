package dev.recsys.drift.monitor.reference;

import static dev.recsys.drift.monitor.Reactive.await;

import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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

    /** Inserts or replaces the model's admin reference (last writer wins). */
    public void save(String model, String featuresJson, int samples) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into drift_reference (model, features, samples, updated_at) values (?1, ?2, ?3, ?4) "
                                + "on conflict (model) do update set features = excluded.features, "
                                + "samples = excluded.samples, updated_at = excluded.updated_at")
                .setParameter(1, model).setParameter(2, featuresJson).setParameter(3, samples)
                .setParameter(4, Instant.now()).executeUpdate())));
    }

    /** @return whether there was one to delete */
    public boolean delete(String model) {
        Long deleted = await(() -> Panache.withTransaction(() -> AdminReference.delete("model", model)));
        return deleted != null && deleted > 0;
    }
}
