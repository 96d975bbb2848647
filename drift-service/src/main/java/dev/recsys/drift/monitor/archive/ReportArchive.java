package dev.recsys.drift.monitor.archive;

import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.report.ReportRenderer;
import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.StoredEvaluation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the HTML report of an evaluation when the model's dataset verdict differs from that of its
 * last archived report (or it has none), and otherwise once per {@code drift.reports.archive-every}.
 * Only evaluations with a verdict ({@code status} ok) are archived. Evaluations of a model run
 * under its lock, so the decision and the insert do not race between replicas.
 */
@ApplicationScoped
public class ReportArchive {

    public static final String DRIFT = "drift";
    public static final String NO_DRIFT = "no_drift";
    public static final String VERDICT_CHANGE = "verdict_change";
    public static final String SCHEDULED = "scheduled";

    private static final Logger LOG = Logger.getLogger(ReportArchive.class);

    private final ReportArchiveRepository repository;
    private final ReportArchiveConfig config;
    private final MonitorConfig monitor;
    private final Database db;

    public ReportArchive(ReportArchiveRepository repository, ReportArchiveConfig config, MonitorConfig monitor,
                         Database db) {
        this.repository = repository;
        this.config = config;
        this.monitor = monitor;
        this.db = db;
    }

    /**
     * Archives the evaluation's report when due. A failure is logged, never thrown: the
     * evaluation itself is already published.
     *
     * @return why it was archived ({@link #VERDICT_CHANGE} or {@link #SCHEDULED}), empty when not
     */
    public Optional<String> archiveIfDue(StoredEvaluation evaluation) {
        EvaluationResult result = evaluation.result();
        if (!EvaluationResult.OK.equals(result.status()) || result.dataset() == null) {
            return Optional.empty();
        }
        if (db.availability().backingOff()) {
            // PostgreSQL failed moments ago: the next evaluation after it is back archives on a verdict change
            LOG.debugf("Archiving the drift report of %s skipped: PostgreSQL unavailable", result.model());
            return Optional.empty();
        }
        try {
            String verdict = result.dataset().driftDetected() ? DRIFT : NO_DRIFT;
            Instant at = Instant.ofEpochMilli(result.evaluatedAt());
            Optional<ArchivedReport> last = repository.newest(result.model());
            String reason;
            if (last.isEmpty() || !last.get().verdict().equals(verdict)) {
                reason = VERDICT_CHANGE;
            } else if (!at.isBefore(last.get().createdAt().plus(config.archiveEvery()))) {
                reason = SCHEDULED;
            } else {
                return Optional.empty();
            }
            repository.save(result.model(), result.windowEnd(), at, verdict, reason,
                    ReportRenderer.render(evaluation, monitor.jaegerUiUrl()));
            return Optional.of(reason);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Archiving the drift report of %s failed", result.model());
            return Optional.empty();
        }
    }

    public List<ArchivedReport> list(String model, int limit) {
        return repository.list(model, limit);
    }

    public Optional<String> html(String model, long id) {
        return repository.html(model, id);
    }

    /** Deletes reports older than the retention, counted back from {@code now} (epoch ms). */
    public long purge(long now) {
        return repository.purge(Instant.ofEpochMilli(now).minus(config.retention()));
    }
}
