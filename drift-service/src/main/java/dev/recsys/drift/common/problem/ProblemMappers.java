package dev.recsys.drift.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.recsys.drift.engine.DriftInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the drift-service's REST layer as {@code application/problem+json}: bad input
 * 400 naming the field, oversized bodies and requests over a limit 413, no capacity 503 with
 * Retry-After, framework errors (404, 405, 415 …) with their status, and anything unexpected as a 500 without a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problem.of(400, e.getMessage(), e.field()).toResponse();
    }

    @ServerExceptionMapper
    public Response driftInput(DriftInputException e) {
        return Problem.of(400, e.field() + ": " + e.getMessage(), e.field()).toResponse();
    }

    @ServerExceptionMapper
    public Response payloadTooLarge(PayloadTooLargeException e) {
        return Problem.of(413, e.getMessage(), e.field()).toResponse();
    }

    @ServerExceptionMapper
    public Response busy(ServiceBusyException e) {
        return Response.fromResponse(Problem.of(503, e.getMessage(), null).toResponse())
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** Malformed JSON in bodies bound by Jackson (e.g. DTO parameters). */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        return Problem.of(400, "malformed JSON: " + e.getOriginalMessage(), field).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(status, e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return Problem.of(500, "internal error; see the service log", null).toResponse();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
