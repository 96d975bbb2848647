package dev.recsys.gateway.report;

import java.util.List;
import java.util.Map;

import dev.recsys.modelrepository.ModelCard;

/** The performance report of one model over a period of whole UTC days (the last one up to now). */
public record PerformanceReport(String model, String period, long from, long to, int k, List<Day> days,
        Drift drift, Errors errors) {

    /**
     * Quality and feedback volume of one UTC day; a metric is null when undefined that day. beyondAccuracy
     * is over the lists served that day, qualityScore as in GET /api/v1/quality.
     */
    public record Day(String date, long from, long to, Double rmse, Double precisionAtK, Double ndcgAtK,
            Double engagementRate, long ratings, long lists, Map<String, Long> feedback,
            ModelCard.BeyondAccuracy beyondAccuracy, Double qualityScore) {
    }

    /**
     * Drift verdicts of the period from drift-service history, counted per step (evaluations and drifted
     * are over the whole period; a verdict is one step); available false when it could not be read.
     */
    public record Drift(boolean available, String error, int evaluations, int drifted, List<Verdict> verdicts) {
    }

    public record Verdict(Long windowStart, Long windowEnd, boolean driftDetected, Double share,
            List<String> driftedFeatures) {
    }

    /** Most frequent error types from the recommender's model_errors_total. */
    public record Errors(boolean available, String error, List<ErrorType> top) {
    }

    public record ErrorType(String type, double count) {
    }
}
