package dev.recsys.drift.monitor.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link MonitorProblem} as {@code application/problem+json}. */
@Provider
public class MonitorProblemMapper implements ExceptionMapper<MonitorProblem> {

    static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @Override
    public Response toResponse(MonitorProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.status().getReasonPhrase());
        body.put("status", problem.status().getStatusCode());
        body.put("detail", problem.getMessage());
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(body).build();
    }
}
