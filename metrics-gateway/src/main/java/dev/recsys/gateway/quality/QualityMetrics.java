package dev.recsys.gateway.quality;

import java.util.Map;

import dev.recsys.modelrepository.ModelCard;

/**
 * Online quality of one slice of traffic (docs/statistics.md §5, §7); a value is null where it is undefined.
 * beyondAccuracy is over the lists served in the window (by served time); qualityScore is the slice's
 * online NDCG@k over its versions' offline NDCG@10 (docs/metrics-gateway.md).
 */
public record QualityMetrics(Double rmse, Double mae, Double precisionAtK, Double recallAtK, Double ndcgAtK,
        Double acceptanceRate, Double engagementRate, Double meanRating, Map<String, Long> ratingDistribution,
        long ratings, long lists, ModelCard.BeyondAccuracy beyondAccuracy, Double qualityScore) {

    public QualityMetrics withBeyondAccuracy(ModelCard.BeyondAccuracy beyond, Double score) {
        return new QualityMetrics(rmse, mae, precisionAtK, recallAtK, ndcgAtK, acceptanceRate, engagementRate,
                meanRating, ratingDistribution, ratings, lists, beyond, score);
    }
}
