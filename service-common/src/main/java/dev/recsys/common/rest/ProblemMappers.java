package dev.recsys.common.rest;

import java.util.Comparator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one set of JAX-RS exception mappers of the three services: every failure leaves as
 * {@code application/problem+json} ({@link Problem}).
 * <ul>
 * <li>{@link ProblemException}: its status, detail, field and headers;</li>
 * <li>constraint violations (Hibernate Validator): 400, the detail names each field;</li>
 * <li>unreadable JSON: 400, the detail names the JSON path ({@code body} when the document itself is broken, too
 * deep or too long);</li>
 * <li>JAX-RS errors (404, 405, 406, 415 …): their status;</li>
 * <li>anything else: 503 when a store is unreachable and retrying can help ({@link Unavailable}), otherwise 500 —
 * both without stack trace, file paths or the exception's message, which are logged once instead.</li>
 * </ul>
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_DETAIL = 300;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return response(e.status(), e.detail(), path(uri), e.field(), e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        String fields = e.getConstraintViolations().stream()
                .map(v -> field(v) + ": " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        String first = e.getConstraintViolations().stream().map(ProblemMappers::field)
                .min(Comparator.naturalOrder()).orElse(null);
        return response(400, fields.isEmpty() ? "invalid request" : fields, path(uri), first, null);
    }

    /** Replaces the built-in mapper of Quarkus REST, which answers plain JSON without the field. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : null;
        String reason = clip(e.getOriginalMessage());
        if (field == null) {
            return response(400, "body: not valid JSON: " + reason, path(uri), "body", null);
        }
        return response(400, field + ": invalid value: " + reason, path(uri), field, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response response = response(status, clip(e.getMessage()), path(uri), null, null);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, allow);
        }
        return response;
    }

    /** The last resort: logged once here with its stack trace, answered without it. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String path = path(uri);
        if (Unavailable.isUnavailable(e)) {
            LOG.warnf("request %s: a store is unavailable: %s", path, Unavailable.describe(e));
            return response(503, "a store this answer needs is unavailable; retry later", path, null,
                    ProblemException.unavailable(""));
        }
        LOG.errorf(e, "request %s failed", path);
        return response(500, "the service could not answer this request; see its log", path, null, null);
    }

    /** The problem response; headers come from {@code source} when it carries some. */
    public static Response response(int status, String detail, String instance, String field, ProblemException source) {
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail, instance, field));
        if (source != null) {
            source.headers().forEach(builder::header);
        }
        return builder.build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The JSON path of a mapping failure, e.g. {@code features.age[3]}; null when there is none. */
    static String jsonPath(JsonMappingException e) {
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
        return path.isEmpty() ? null : clip(path.toString());
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }
}
