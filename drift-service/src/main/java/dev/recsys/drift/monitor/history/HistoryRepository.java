package dev.recsys.drift.monitor.history;

import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.quality.history.QualityHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.recsys.drift.common.db.Database.nullableBoolean;
import static dev.recsys.drift.common.db.Database.nullableDouble;
import static dev.recsys.drift.common.db.Database.nullableInt;

/**
 * Evaluation history in PostgreSQL. Rows are keyed by model and window end, so the same window
 * stored twice (two replicas, a restart, a queued write retried) stays one row.
 */
@ApplicationScoped
public class HistoryRepository {

    private final Database db;
    private final QualityHistoryRepository quality;

    public HistoryRepository(Database db, QualityHistoryRepository quality) {
        this.db = db;
        this.quality = quality;
    }

    /**
     * Stores an evaluation with its feature rows and data-quality summary in one transaction unless
     * that window is already stored.
     *
     * @return whether this call stored it
     */
    public boolean save(EvaluationResult result) {
        return db.transaction(tx -> {
            if (insertEvaluation(tx, result) == 0) {
                return false;
            }
            insertFeatures(tx, result);
            if (result.dataQuality() != null) {
                quality.insert(tx, result.dataQuality());
            }
            return true;
        });
    }

    private static int insertEvaluation(Database.Transaction tx, EvaluationResult result) throws SQLException {
        var dataset = result.dataset();
        return tx.update("insert into drift_evaluation (model, window_start, window_end, evaluated_at, status, mode, "
                        + "samples, model_version, reference_source, drifted_features, feature_count, drift_share, "
                        + "drift_detected) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (model, window_end) do nothing",
                result.model(), result.windowStart(), result.windowEnd(), Instant.ofEpochMilli(result.evaluatedAt()),
                result.status(), result.mode(), result.samples(), result.version(),
                result.reference() == null ? null : result.reference().source(),
                dataset == null ? null : dataset.driftedFeatures(), dataset == null ? null : dataset.features(),
                dataset == null ? null : dataset.share(), dataset == null ? null : dataset.driftDetected());
    }

    private static void insertFeatures(Database.Transaction tx, EvaluationResult result) throws SQLException {
        if (result.features() == null) {
            return;
        }
        for (Map.Entry<String, FeatureVerdict> entry : result.features().entrySet()) {
            FeatureVerdict verdict = entry.getValue();
            tx.update("insert into drift_feature_result (model, window_end, feature, method, type, statistic, p_value, "
                            + "threshold, drift_detected, error_bound, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (model, feature, window_end) do nothing",
                    result.model(), result.windowEnd(), entry.getKey(), verdict.method(), verdict.type(),
                    finiteOrNull(verdict.statistic()), verdict.pValue(), verdict.threshold(), verdict.driftDetected(),
                    verdict.errorBound(), verdict.error());
        }
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
        return db.query("select window_start, window_end, evaluated_at, status, mode, samples, model_version, "
                        + "reference_source, drifted_features, feature_count, drift_share, drift_detected "
                        + "from drift_evaluation where model = ? and window_end >= ? and window_end <= ? "
                        + "order by window_end desc limit ?",
                HistoryRepository::evaluation, model, from, to, limit);
    }

    private static EvaluationRecord evaluation(ResultSet row) throws SQLException {
        return new EvaluationRecord(row.getLong("window_start"), row.getLong("window_end"),
                Database.instant(row, "evaluated_at"), row.getString("status"), row.getString("mode"),
                row.getLong("samples"), row.getString("model_version"), row.getString("reference_source"),
                nullableInt(row, "drifted_features"), nullableInt(row, "feature_count"),
                nullableDouble(row, "drift_share"), nullableBoolean(row, "drift_detected"));
    }

    /**
     * Feature rows of {@code model} (one feature when {@code feature} is not null) with windowEnd in
     * [from, to]; callers pass the window ends of the evaluations they selected, so the rows are bounded
     * by their limit.
     */
    public List<FeatureRecord> features(String model, String feature, long from, long to) {
        String sql = "select window_end, feature, method, type, statistic, p_value, threshold, drift_detected, "
                + "error_bound, error from drift_feature_result where model = ? and window_end >= ? and window_end <= ?";
        return feature == null
                ? db.query(sql, HistoryRepository::feature, model, from, to)
                : db.query(sql + " and feature = ?", HistoryRepository::feature, model, from, to, feature);
    }

    private static FeatureRecord feature(ResultSet row) throws SQLException {
        return new FeatureRecord(row.getLong("window_end"), row.getString("feature"), row.getString("method"),
                row.getString("type"), nullableDouble(row, "statistic"), nullableDouble(row, "p_value"),
                row.getDouble("threshold"), row.getBoolean("drift_detected"), nullableDouble(row, "error_bound"),
                row.getString("error"));
    }

    /**
     * The evaluations of {@code model} with windowEnd in [from, to], counted per {@code step} ms
     * (bucket i holds window ends in [from + i·step, from + (i+1)·step)), oldest first; with
     * {@code feature}, only that feature's drifted counts.
     */
    public List<VerdictBucket> buckets(String model, String feature, long from, long to, long step) {
        Map<Long, Map<String, Long>> driftedFeatures = new LinkedHashMap<>();
        String featureSql = "select (window_end - ?) / ? as bucket, feature, count(*) as drifted from drift_feature_result "
                + "where model = ? and window_end >= ? and window_end <= ? and drift_detected"
                + (feature == null ? "" : " and feature = ?") + " group by bucket, feature order by bucket, feature";
        Object[] featureParams = feature == null ? new Object[] {from, step, model, from, to}
                : new Object[] {from, step, model, from, to, feature};
        db.query(featureSql, row -> driftedFeatures.computeIfAbsent(row.getLong("bucket"), b -> new LinkedHashMap<>())
                .put(row.getString("feature"), row.getLong("drifted")), featureParams);
        List<VerdictBucket> buckets = new ArrayList<>();
        db.query("select (window_end - ?) / ? as bucket, min(window_start) as window_start, max(window_end) as window_end, "
                        + "count(*) as evaluations, count(*) filter (where drift_detected) as drifted, "
                        + "max(drift_share) as max_share from drift_evaluation "
                        + "where model = ? and window_end >= ? and window_end <= ? group by bucket order by bucket",
                row -> buckets.add(new VerdictBucket(row.getLong("window_start"), row.getLong("window_end"),
                        row.getLong("evaluations"), row.getLong("drifted"), nullableDouble(row, "max_share"),
                        driftedFeatures.getOrDefault(row.getLong("bucket"), Map.of()))),
                from, step, model, from, to);
        return buckets;
    }

    /** Deletes rows whose window ended before {@code before} (epoch ms); returns the evaluations deleted. */
    public long purge(long before) {
        return db.transaction(tx -> {
            tx.update("delete from drift_feature_result where window_end < ?", before);
            return (long) tx.update("delete from drift_evaluation where window_end < ?", before);
        });
    }
}
