package dev.recsys.gateway.openapi;

import dev.recsys.common.openapi.ProblemResponsesFilter;
import java.util.List;
import java.util.Map;

/** The error responses of the metrics-gateway's operations in its OpenAPI document (docs/architecture.md §4). */
public class GatewayProblemResponses extends ProblemResponsesFilter {

    public GatewayProblemResponses() {
        super(Map.of(
                "POST /api/v1/feedback", List.of(400, 404, 413, 503),
                "GET /api/v1/quality", List.of(400, 503),
                "GET /api/v1/reports/performance", List.of(400, 503)));
    }
}
