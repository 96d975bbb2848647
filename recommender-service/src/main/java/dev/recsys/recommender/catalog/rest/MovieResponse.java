package dev.recsys.recommender.catalog.rest;

import java.util.List;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.recommender.catalog.repository.Movie;

/** One catalog movie. */
public record MovieResponse(String requestId, int movieId, String title, List<String> genres, Integer year,
        int ratingCount, float meanRating, float popularity) {

    static MovieResponse of(String requestId, Movie m) {
        return new MovieResponse(requestId, m.movieId, m.title, ItemTable.splitGenres(m.genres), m.year, m.ratingCount,
                m.meanRating, m.popularity);
    }
}
