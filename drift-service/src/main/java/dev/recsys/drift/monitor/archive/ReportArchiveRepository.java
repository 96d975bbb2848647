package dev.recsys.drift.monitor.archive;

import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.recsys.drift.monitor.Reactive.await;

/** Archived reports in PostgreSQL; blocking calls for the scheduler thread and blocking endpoints. */
@ApplicationScoped
public class ReportArchiveRepository {

    /** Stores a report unless one of the same model and window is stored (another replica, a retry). */
    public void save(String model, long windowEnd, Instant createdAt, String verdict, String reason, String html) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into drift_report (model, window_end, created_at, verdict, reason, html) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (model, window_end) do nothing")
                .setParameter(1, model)
                .setParameter(2, windowEnd)
                .setParameter(3, createdAt)
                .setParameter(4, verdict)
                .setParameter(5, reason)
                .setParameter(6, html)
                .executeUpdate())));
    }

    /** The model's reports, newest first, at most {@code limit}. */
    public List<ArchivedReport> list(String model, int limit) {
        return await(() -> Panache.withSession(() -> ArchivedReport.<ArchivedReport>find(
                "model = ?1 order by createdAt desc, id desc", model).page(0, limit).list()));
    }

    public Optional<ArchivedReport> newest(String model) {
        return list(model, 1).stream().findFirst();
    }

    /** The HTML of report {@code id} of {@code model}; empty when there is no such report. */
    public Optional<String> html(String model, long id) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select html from drift_report where model = ?1 and id = ?2", String.class)
                .setParameter(1, model)
                .setParameter(2, id)
                .getSingleResultOrNull()))));
    }

    /** Deletes reports archived before {@code before}; returns how many. */
    public long purge(Instant before) {
        return await(() -> Panache.withTransaction(() -> ArchivedReport.delete("createdAt < ?1", before)));
    }
}
