package dev.recsys.recommender.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MovieRepository implements PanacheRepositoryBase<Movie, Integer> {

    /** Full-text search over title (weight A) and genres (weight B), best {@code ts_rank} first. */
    private static final String SEARCH = """
            SELECT m.movie_id, m.title, m.genres, m.year, m.rating_count, m.mean_rating, m.popularity,
                   ts_rank(m.search, q) AS rank
            FROM movie m, websearch_to_tsquery('english', :q) q
            WHERE m.search @@ q
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
