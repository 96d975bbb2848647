package dev.recsys.drift.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.recsys.drift.common.db.DatabaseException;
import dev.recsys.drift.engine.DriftInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the drift-service's REST layer as {@code application/problem+json}: bad input
 * 400 naming the field, oversized bodies 413, framework errors (404, 405, 415 …) with their
 * status, and anything unexpected as a 500 without a stack trace.
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
        return Problem.of(413, e.getMessage(), null).toResponse();
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

    /**
     * Anything not mapped above: 503 with Retry-After when a store (Redis, PostgreSQL) cannot be
     * reached or timed out, so clients retry; otherwise a 500 without a stack trace.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e) {
        String store = unavailableStore(e);
        if (store != null) {
            LOG.warnf("%s unavailable: %s", store, e.toString());
            return Response.fromResponse(Problem.of(503, store + " is unavailable; retry later", null).toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("unexpected error", e);
        return Problem.of(500, "internal error; see the service log", null).toResponse();
    }

    /** Seconds a client is told to wait after a 503 for a store outage (the monitor's own retry period). */
    static final int RETRY_AFTER_SECONDS = 5;

    /** "PostgreSQL" or "Redis" when {@code e} is a connection failure or timeout of that store, else null. */
    static String unavailableStore(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DatabaseException db) {
                return db.retryable() ? "PostgreSQL" : null;
            }
            String type = cause.getClass().getName();
            if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || type.equals("io.smallrye.mutiny.TimeoutException") || type.startsWith("io.vertx.redis.")
                    || type.startsWith("io.netty.channel.")
                    || (cause instanceof io.vertx.core.VertxException && String.valueOf(cause.getMessage())
                    .toLowerCase(java.util.Locale.ROOT).contains("connection"))) {
                return "Redis";
            }
        }
        return null;
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
