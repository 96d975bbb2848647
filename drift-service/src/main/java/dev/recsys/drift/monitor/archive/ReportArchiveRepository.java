package dev.recsys.drift.monitor.archive;

import dev.recsys.drift.common.db.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Archived reports in PostgreSQL (blocking JDBC). */
@ApplicationScoped
public class ReportArchiveRepository {

    private final Database db;

    public ReportArchiveRepository(Database db) {
        this.db = db;
    }

    /** Stores a report unless one of the same model and window is stored (another replica, a retry). */
    public void save(String model, long windowEnd, Instant createdAt, String verdict, String reason, String html) {
        db.update("insert into drift_report (model, window_end, created_at, verdict, reason, html) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (model, window_end) do nothing",
                model, windowEnd, createdAt, verdict, reason, html);
    }

    /** The model's reports, newest first, at most {@code limit}. */
    public List<ArchivedReport> list(String model, int limit) {
        return db.query("select id, model, window_end, created_at, verdict, reason from drift_report where model = ? "
                        + "order by created_at desc, id desc limit ?",
                row -> new ArchivedReport(row.getLong("id"), row.getString("model"), row.getLong("window_end"),
                        Database.instant(row, "created_at"), row.getString("verdict"), row.getString("reason")),
                model, limit);
    }

    public Optional<ArchivedReport> newest(String model) {
        return list(model, 1).stream().findFirst();
    }

    /** The HTML of report {@code id} of {@code model}; empty when there is no such report. */
    public Optional<String> html(String model, long id) {
        return db.queryOne("select html from drift_report where model = ? and id = ?", row -> row.getString("html"),
                model, id);
    }

    /** Deletes reports archived before {@code before}; returns how many. */
    public long purge(Instant before) {
        return db.update("delete from drift_report where created_at < ?", before);
    }
}
