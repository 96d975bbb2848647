package dev.recsys.recommender.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MovieRepository implements PanacheRepositoryBase<Movie, Integer> {

    /**
     * Candidates: full-text matches (title weight A, genres B), titles with a word starting with the query
     * (stop words and prefixes included) and titles containing a word-similar extent (pg_trgm {@code <%},
     * typos). Rank = tier + (word similarity + whole-title similarity + full-text rank capped at 1) / 3, so the
     * tier decides first: 4 the whole title, 3 the title starts with the query, 2 a word starts with it,
     * 1 full-text match only, 0 similar only; within a tier the closer (and shorter) title wins. Ties: more
     * ratings first. A query with no letters or digits finds nothing.
     */
    private static final String SEARCH = """
            SELECT m.movie_id, m.title, m.genres, m.year, m.rating_count, m.mean_rating, m.popularity,
                   (CASE WHEN m.title_key = movie_title_key(:q) THEN 4
                         WHEN m.title_key LIKE movie_title_key(:q) || '%' THEN 3
                         WHEN m.title_key LIKE '%' || movie_title_key(:q) || '%' THEN 2
                         WHEN m.search @@ movie_search_query(:q) THEN 1
                         ELSE 0 END)
                   + (word_similarity(btrim(movie_title_key(:q)), m.title_key)
                      + similarity(btrim(movie_title_key(:q)), m.title_key)
                      + LEAST(ts_rank(m.search, movie_search_query(:q)), 1)) / 3 AS rank
            FROM movie m
            WHERE btrim(movie_title_key(:q)) <> ''
              AND (m.search @@ movie_search_query(:q)
                   OR m.title_key LIKE '%' || movie_title_key(:q) || '%'
                   OR btrim(movie_title_key(:q)) <% m.title_key)
            ORDER BY rank DESC, m.rating_count DESC, m.movie_id
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
