package dev.recsys.recommender.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MovieRepository implements PanacheRepositoryBase<Movie, Integer> {

    /**
     * Candidates: full-text matches (title weight A, genres B) and titles with a word starting with the query
     * (stop words and prefixes included); only when those are fewer than asked for, also titles containing a
     * word-similar extent (pg_trgm {@code <%}: misspellings), which is the costly test. The tier orders first:
     * 4 the whole title, 3 the title starts with the query, 2 a word starts with it, 1 full-text match only,
     * 0 similar only. The best 200 (at least twice the largest limit) by tier and ratings are then ranked by
     * tier + (word similarity + whole-title similarity + full-text rank capped at 1) / 3, so within a tier the
     * closer (and shorter) title wins; ties: more ratings first. A query with no letters or digits finds nothing.
     */
    private static final String SEARCH = """
            WITH matched AS (
                SELECT movie_id, title, genres, year, rating_count, mean_rating, popularity, title_key, search
                FROM movie
                WHERE btrim(movie_title_key(:q)) <> ''
                  AND (search @@ movie_search_query(:q) OR title_key LIKE '%' || movie_title_key(:q) || '%')
            ), candidates AS (
                SELECT * FROM matched
                UNION ALL
                SELECT movie_id, title, genres, year, rating_count, mean_rating, popularity, title_key, search
                FROM movie m
                WHERE btrim(movie_title_key(:q)) <% m.title_key AND btrim(movie_title_key(:q)) <> ''
                  AND (SELECT count(*) FROM matched) < :limit
                  AND NOT EXISTS (SELECT 1 FROM matched d WHERE d.movie_id = m.movie_id)
            ), tiered AS (
                SELECT m.*,
                       CASE WHEN m.title_key = movie_title_key(:q) THEN 4
                            WHEN m.title_key LIKE movie_title_key(:q) || '%' THEN 3
                            WHEN m.title_key LIKE '%' || movie_title_key(:q) || '%' THEN 2
                            WHEN m.search @@ movie_search_query(:q) THEN 1
                            ELSE 0 END AS tier
                FROM candidates m
                ORDER BY tier DESC, m.rating_count DESC, m.movie_id
                LIMIT 200
            )
            SELECT t.movie_id, t.title, t.genres, t.year, t.rating_count, t.mean_rating, t.popularity,
                   t.tier + (word_similarity(btrim(movie_title_key(:q)), t.title_key)
                             + similarity(btrim(movie_title_key(:q)), t.title_key)
                             + LEAST(ts_rank(t.search, movie_search_query(:q)), 1)) / 3 AS rank
            FROM tiered t
            ORDER BY rank DESC, t.rating_count DESC, t.movie_id
            LIMIT :limit""";

    public record Hit(Movie movie, float rank) {
    }

    @WithSession
    public Uni<Movie> find(int movieId) {
        return findById(movieId);
    }

    @WithSession
    public Uni<List<Hit>> search(String text, int limit) {
        return getSession().chain(session -> session.createNativeQuery(SEARCH, Object[].class)
                .setParameter("q", text).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(MovieRepository::hit).toList());
    }

    private static Hit hit(Object[] row) {
        Movie m = new Movie();
        m.movieId = ((Number) row[0]).intValue();
        m.title = (String) row[1];
        m.genres = (String) row[2];
        m.year = row[3] == null ? null : ((Number) row[3]).intValue();
        m.ratingCount = ((Number) row[4]).intValue();
        m.meanRating = ((Number) row[5]).floatValue();
        m.popularity = ((Number) row[6]).floatValue();
        return new Hit(m, ((Number) row[7]).floatValue());
    }
}
