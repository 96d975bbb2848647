package dev.recsys.drift.quality.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.quality.check.CheckVerdict;
import dev.recsys.drift.quality.check.DataQualityResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.recsys.drift.monitor.Reactive.await;

/**
 * Data-quality summaries in PostgreSQL, one row per model and window end beside the drift
 * evaluation row (which must be stored first; deleting it deletes this row too).
 */
@ApplicationScoped
public class QualityHistoryRepository {

    private static final TypeReference<Map<String, CheckVerdict>> CHECKS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public QualityHistoryRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores the summary of a window unless that window is stored already; blocking. */
    public void save(DataQualityResult result) {
        String checks;
        try {
            checks = json.writeValueAsString(result.checks());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into drift_quality_result (model, window_end, events, checked_events, passed, "
                                + "violations, checks) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                + "on conflict (model, window_end) do nothing")
                .setParameter(1, result.model())
                .setParameter(2, result.windowEnd())
                .setParameter(3, result.events())
                .setParameter(4, result.checkedEvents())
                .setParameter(5, result.passed())
                .setParameter(6, String.join(",", result.violations()))
                .setParameter(7, checks)
                .executeUpdate())));
    }

    /** Summaries of {@code model} with {@code from <= windowEnd <= to}, by window end. */
    public Map<Long, QualitySummary> summaries(String model, long from, long to) {
        List<QualityRecord> rows = await(() -> Panache.withSession(() -> QualityRecord.<QualityRecord>find(
                "model = ?1 and windowEnd >= ?2 and windowEnd <= ?3", model, from, to).list()));
        Map<Long, QualitySummary> summaries = new HashMap<>();
        for (QualityRecord row : rows) {
            summaries.put(row.windowEnd, new QualitySummary(row.passed,
                    row.violations.isEmpty() ? List.of() : Arrays.asList(row.violations.split(",")), row.events,
                    row.checkedEvents, checks(row.checks)));
        }
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
