package dev.recsys.drift.monitor.history;

import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.recsys.drift.monitor.Reactive.await;

/**
 * Evaluation history in PostgreSQL. Rows are keyed by model and window end, so the same window
 * stored twice (two replicas, a restart) stays one row.
 */
@ApplicationScoped
public class HistoryRepository {

    /** Stores an evaluation and its feature rows unless that window is already stored; blocking. */
    public void save(EvaluationResult result) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session ->
                insertEvaluation(session, result).chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(0)
                        : insertFeatures(session, result)))));
    }

    private static Uni<Integer> insertEvaluation(Mutiny.Session session, EvaluationResult result) {
        var dataset = result.dataset();
        return session.createNativeQuery("insert into drift_evaluation (model, window_start, window_end, evaluated_at, "
                        + "status, mode, samples, model_version, reference_source, drifted_features, feature_count, "
                        + "drift_share, drift_detected) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                        + "on conflict (model, window_end) do nothing")
                .setParameter(1, result.model())
                .setParameter(2, result.windowStart())
                .setParameter(3, result.windowEnd())
                .setParameter(4, Instant.ofEpochMilli(result.evaluatedAt()))
                .setParameter(5, result.status())
                .setParameter(6, result.mode())
                .setParameter(7, result.samples())
                .setParameter(8, result.version())
                .setParameter(9, result.reference() == null ? null : result.reference().source())
                .setParameter(10, dataset == null ? null : dataset.driftedFeatures())
                .setParameter(11, dataset == null ? null : dataset.features())
                .setParameter(12, dataset == null ? null : dataset.share())
                .setParameter(13, dataset == null ? null : dataset.driftDetected())
                .executeUpdate();
    }

    private static Uni<Integer> insertFeatures(Mutiny.Session session, EvaluationResult result) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        if (result.features() == null) {
            return chain;
        }
        for (Map.Entry<String, FeatureVerdict> entry : result.features().entrySet()) {
            FeatureVerdict verdict = entry.getValue();
            chain = chain.chain(ignored -> session.createNativeQuery("insert into drift_feature_result (model, "
                            + "window_end, feature, method, type, statistic, p_value, threshold, drift_detected, "
                            + "error_bound, error) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                            + "on conflict (model, feature, window_end) do nothing")
                    .setParameter(1, result.model())
                    .setParameter(2, result.windowEnd())
                    .setParameter(3, entry.getKey())
                    .setParameter(4, verdict.method())
                    .setParameter(5, verdict.type())
                    .setParameter(6, finiteOrNull(verdict.statistic()))
                    .setParameter(7, verdict.pValue())
                    .setParameter(8, verdict.threshold())
                    .setParameter(9, verdict.driftDetected())
                    .setParameter(10, verdict.errorBound())
                    .setParameter(11, verdict.error())
                    .executeUpdate());
        }
        return chain;
    }

    /** PostgreSQL stores infinity, but JSON cannot carry it back; an infinite χ² is kept as the largest double. */
    private static Double finiteOrNull(Double value) {
        if (value == null || Double.isNaN(value)) {
            return null;
        }
        return Double.isInfinite(value) ? Double.MAX_VALUE : value;
    }

    /** Evaluations of {@code model} with {@code from <= windowEnd <= to}, newest first, at most {@code limit}. */
    public List<EvaluationRecord> evaluations(String model, long from, long to, int limit) {
        return await(() -> Panache.withSession(() -> EvaluationRecord.<EvaluationRecord>find(
                        "model = ?1 and windowEnd >= ?2 and windowEnd <= ?3 order by windowEnd desc", model, from, to)
                .page(0, limit).list()));
    }

    /** Feature rows of {@code model} (one feature when {@code feature} is not null) with windowEnd in [from, to]. */
    public List<FeatureRecord> features(String model, String feature, long from, long to) {
        return await(() -> Panache.withSession(() -> feature == null
                ? FeatureRecord.<FeatureRecord>find("model = ?1 and windowEnd >= ?2 and windowEnd <= ?3", model, from, to).list()
                : FeatureRecord.<FeatureRecord>find("model = ?1 and feature = ?2 and windowEnd >= ?3 and windowEnd <= ?4",
                        model, feature, from, to).list()));
    }

    /** Deletes rows whose window ended before {@code before} (epoch ms); returns the evaluations deleted. */
    public long purge(long before) {
        return await(() -> Panache.withTransaction(() -> FeatureRecord.delete("windowEnd < ?1", before)
                .chain(ignored -> EvaluationRecord.delete("windowEnd < ?1", before))));
    }
}
