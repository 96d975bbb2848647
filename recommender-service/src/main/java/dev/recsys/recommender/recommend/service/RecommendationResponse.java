package dev.recsys.recommender.recommend.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code GET /api/v1/users/{userId}/recommendations}; experiment and variant are null outside experiments. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecommendationResponse(
        String requestId,
        int userId,
        ModelRef model,
        boolean coldStart,
        boolean cached,
        String experiment,
        String variant,
        List<Item> items) {

    public record ModelRef(String name, String version) {
    }

    public record Item(int movieId, String title, List<String> genres, float score) {
    }
}
