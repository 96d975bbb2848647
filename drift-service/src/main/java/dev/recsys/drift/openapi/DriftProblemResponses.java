package dev.recsys.drift.openapi;

import dev.recsys.common.openapi.ProblemResponsesFilter;
import java.util.List;
import java.util.Map;

/** The error responses of the drift-service's operations in its OpenAPI document (docs/architecture.md §4). */
public class DriftProblemResponses extends ProblemResponsesFilter {

    public DriftProblemResponses() {
        super(Map.of(
                "POST /api/v1/drift/compare", List.of(400, 413, 503),
                "GET /api/v1/drift/models", List.of(503),
                "GET /api/v1/drift/models/{model}/status", List.of(400, 404, 503),
                "GET /api/v1/drift/models/{model}/history", List.of(400, 404, 503),
                "GET /api/v1/drift/models/{model}/report", List.of(400, 404, 503),
                "GET /api/v1/drift/models/{model}/reports", List.of(400, 404, 503),
                "GET /api/v1/drift/models/{model}/reports/{id}", List.of(400, 404, 503),
                "PUT /api/v1/drift/models/{model}/reference", List.of(400, 401, 403, 404, 413, 503),
                "DELETE /api/v1/drift/models/{model}/reference", List.of(400, 401, 403, 404, 503),
                "POST /api/v1/drift/models/{model}/evaluate", List.of(400, 401, 403, 404, 503)));
    }
}
