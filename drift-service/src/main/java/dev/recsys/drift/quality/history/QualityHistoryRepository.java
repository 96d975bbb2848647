package dev.recsys.drift.quality.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.quality.check.CheckVerdict;
import dev.recsys.drift.quality.check.DataQualityResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-quality summaries in PostgreSQL, one row per model and window end beside the drift
 * evaluation row (stored in the same transaction; deleting it deletes this row too).
 */
@ApplicationScoped
public class QualityHistoryRepository {

    private static final TypeReference<Map<String, CheckVerdict>> CHECKS = new TypeReference<>() {
    };

    private final Database db;
    private final ObjectMapper json;

    public QualityHistoryRepository(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Stores the summary of a window unless that window is stored already, in the caller's transaction. */
    public void insert(Database.Transaction tx, DataQualityResult result) throws SQLException {
        String checks;
        try {
            checks = json.writeValueAsString(result.checks());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        tx.update("insert into drift_quality_result (model, window_end, events, checked_events, passed, violations, "
                        + "checks) values (?, ?, ?, ?, ?, ?, ?) on conflict (model, window_end) do nothing",
                result.model(), result.windowEnd(), result.events(), result.checkedEvents(), result.passed(),
                String.join(",", result.violations()), checks);
    }

    /** Summaries of {@code model} with {@code from <= windowEnd <= to}, by window end. */
    public Map<Long, QualitySummary> summaries(String model, long from, long to) {
        Map<Long, QualitySummary> summaries = new HashMap<>();
        db.query("select window_end, events, checked_events, passed, violations, checks from drift_quality_result "
                        + "where model = ? and window_end >= ? and window_end <= ?",
                row -> {
                    String violations = row.getString("violations");
                    return summaries.put(row.getLong("window_end"), new QualitySummary(row.getBoolean("passed"),
                            violations.isEmpty() ? List.of() : Arrays.asList(violations.split(",")),
                            row.getInt("events"), row.getInt("checked_events"), checks(row.getString("checks"))));
                }, model, from, to);
        return summaries;
    }

    private Map<String, CheckVerdict> checks(String text) {
        try {
            return json.readValue(text, CHECKS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
