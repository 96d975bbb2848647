package dev.recsys.gateway.quality;

import java.util.Map;

/** Online quality of one slice of traffic (STATISTICS §5); a value is null where it is undefined. */
public record QualityMetrics(Double rmse, Double mae, Double precisionAtK, Double recallAtK, Double ndcgAtK,
        Double acceptanceRate, Double engagementRate, Double meanRating, Map<String, Long> ratingDistribution,
        long ratings, long lists) {
}
