package dev.recsys.recommender.recommend.service;

/** A validated recommendation request; {@code genre} is null when not filtering. */
public record RecommendationQuery(int userId, int k, boolean excludeSeen, String genre) {
}
