package dev.recsys.recommender.catalog.rest;

import java.util.List;

/** Search hits, best match first; {@code rank} is PostgreSQL's {@code ts_rank}. */
public record SearchResponse(String requestId, String query, int limit, List<Hit> items) {

    public record Hit(int movieId, String title, List<String> genres, Integer year, float popularity, float rank) {
    }
}
