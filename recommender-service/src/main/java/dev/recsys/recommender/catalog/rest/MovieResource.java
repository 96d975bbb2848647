package dev.recsys.recommender.catalog.rest;

import java.time.Duration;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.recsys.common.rest.ProblemException;
import dev.recsys.common.rest.RequestParams;
import dev.recsys.modelrepository.ItemTable;
import dev.recsys.recommender.catalog.repository.MovieRepository;
import dev.recsys.recommender.catalog.service.CatalogAvailability;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/movies")
@Produces(MediaType.APPLICATION_JSON)
public class MovieResource {

    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;

    /** A query the database has not answered by then counts as the database being unreachable (hung or gone). */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final MovieRepository movies;
    private final RecommenderMetrics metrics;
    private final CatalogAvailability catalog;

    public MovieResource(MovieRepository movies, RecommenderMetrics metrics, CatalogAvailability catalog) {
        this.movies = movies;
        this.metrics = metrics;
        this.catalog = catalog;
    }

    @GET
    @Path("/search")
    public Uni<SearchResponse> search(@QueryParam("q") String q, @QueryParam("limit") String limit) {
        String text = RequestParams.text("q", q, 1, MAX_QUERY_LENGTH);
        int max = RequestParams.intInRange("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        Timer timer = metrics.searchTimer();
        long start = System.nanoTime();
        return guarded(movies.search(text, max))
                .map(hits -> new SearchResponse(UUID.randomUUID().toString(), text, max, hits.stream()
                        .map(h -> new SearchResponse.Hit(h.movie().movieId, h.movie().title,
                                ItemTable.splitGenres(h.movie().genres), h.movie().year, h.movie().popularity, h.rank()))
                        .toList()))
                .onTermination().invoke(() -> timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @GET
    @Path("/{movieId}")
    public Uni<MovieResponse> movie(@PathParam("movieId") String movieId) {
        int id = RequestParams.positiveInt("movieId", movieId);
        return guarded(movies.find(id)).map(m -> {
            if (m == null) {
                throw ProblemException.notFound("movie " + id + " is not in the catalog");
            }
            return MovieResponse.of(UUID.randomUUID().toString(), m);
        });
    }

    /** Bounds the query's time; an unreachable database answers 503 with Retry-After and marks the catalog degraded. */
    private <T> Uni<T> guarded(Uni<T> query) {
        return query.ifNoItem().after(QUERY_TIMEOUT).fail()
                .onFailure(CatalogAvailability::unreachable).transform(e -> {
                    catalog.failed(e);
                    return ProblemException.unavailable(
                            "the movie catalog is temporarily unavailable; recommendations are still served, retry later");
                });
    }
}
