package dev.recsys.drift.monitor.reference;

import dev.recsys.drift.common.db.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Admin references in PostgreSQL (blocking JDBC). */
@ApplicationScoped
public class AdminReferenceRepository {

    private final Database db;

    public AdminReferenceRepository(Database db) {
        this.db = db;
    }

    public Optional<AdminReference> find(String model) {
        return db.queryOne("select model, features, samples, updated_at from drift_reference where model = ?",
                row -> new AdminReference(row.getString("model"), row.getString("features"), row.getInt("samples"),
                        Database.instant(row, "updated_at")), model);
    }

    /** When the model's admin reference was last set: a cheap check before loading a large one. */
    public Optional<Instant> updatedAt(String model) {
        return db.queryOne("select updated_at from drift_reference where model = ?",
                row -> Database.instant(row, "updated_at"), model);
    }

    /** Models with an admin reference (registered for monitoring, with or without a stream). */
    public List<String> models() {
        return db.query("select model from drift_reference", row -> row.getString("model"));
    }

    /** Inserts or replaces the model's admin reference (last writer wins); {@code featuresJson} is its whole document. */
    public void save(String model, String featuresJson, int samples, Instant updatedAt) {
        db.update("insert into drift_reference (model, features, samples, updated_at) values (?, ?, ?, ?) "
                        + "on conflict (model) do update set features = excluded.features, "
                        + "samples = excluded.samples, updated_at = excluded.updated_at",
                model, featuresJson, samples, updatedAt);
    }

    /** @return whether there was one to delete */
    public boolean delete(String model) {
        return db.update("delete from drift_reference where model = ?", model) > 0;
    }
}
