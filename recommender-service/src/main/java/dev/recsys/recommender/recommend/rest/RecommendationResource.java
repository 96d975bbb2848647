package dev.recsys.recommender.recommend.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.recsys.common.rest.RequestParams;
import dev.recsys.recommender.recommend.service.RecommendationQuery;
import dev.recsys.recommender.recommend.service.RecommendationResponse;
import dev.recsys.recommender.recommend.service.RecommendationService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/users/{userId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    static final int MAX_K = 100;
    static final int DEFAULT_K = 10;
    static final int MAX_GENRE_LENGTH = 64;

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    /** Parameters arrive as text so that a bad value is answered with a 400 naming it. */
    @GET
    public Uni<RecommendationResponse> recommend(@PathParam("userId") String userId, @QueryParam("k") String k,
            @QueryParam("excludeSeen") String excludeSeen, @QueryParam("genre") String genre) {
        RecommendationQuery query = new RecommendationQuery(
                RequestParams.positiveInt("userId", userId),
                RequestParams.intInRange("k", k, DEFAULT_K, 1, MAX_K),
                RequestParams.bool("excludeSeen", excludeSeen, true),
                genre == null ? null : RequestParams.text("genre", genre, 1, MAX_GENRE_LENGTH));
        return recommendations.recommend(query);
    }
}
