package dev.recsys.recommender.openapi;

import dev.recsys.common.openapi.ProblemResponsesFilter;
import java.util.List;
import java.util.Map;

/** The error responses of the recommender-service's operations in its OpenAPI document (docs/architecture.md §4). */
public class RecommenderProblemResponses extends ProblemResponsesFilter {

    public RecommenderProblemResponses() {
        super(Map.of(
                "GET /api/v1/users/{userId}/recommendations", List.of(400, 503),
                "GET /api/v1/movies/{movieId}", List.of(400, 404, 503),
                "GET /api/v1/movies/search", List.of(400, 503),
                "POST /api/v1/model/reload", List.of(401, 403, 503),
                "GET /api/v1/models", List.of(503),
                "GET /api/v1/models/{version}", List.of(400, 404, 503)));
    }
}
