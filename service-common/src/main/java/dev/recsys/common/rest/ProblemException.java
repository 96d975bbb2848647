package dev.recsys.common.rest;

import java.util.Map;

/**
 * A failure the client is told about as a {@link Problem}: the status, a detail for people, the request field it is
 * about (if any) and extra response headers (e.g. {@code Retry-After}, {@code WWW-Authenticate}). Carries no stack
 * trace: it is an answer, not a bug.
 */
public class ProblemException extends RuntimeException {

    /** The {@code Retry-After} seconds of a 503 when a store the answer depends on is unavailable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String field;
    private final Map<String, String> headers;

    public ProblemException(int status, String detail, String field, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String detail) {
        this(status, detail, null, Map.of());
    }

    /** 400 naming the field: the detail reads "{@code field}: {@code problem}". */
    public static ProblemException badRequest(String field, String problem) {
        return new ProblemException(400, field + ": " + problem, field, Map.of());
    }

    /** 400 with a detail that already names {@code field}. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(400, detail, field, Map.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    /** 413: a request body or a value list over a documented limit. */
    public static ProblemException tooLarge(String field, String detail) {
        return new ProblemException(413, detail, field, Map.of());
    }

    /** 503 with {@code Retry-After}: retrying later can help (a store is down, no model is loaded yet). */
    public static ProblemException unavailable(String detail) {
        return unavailable(detail, RETRY_AFTER_SECONDS);
    }

    /** 503 with {@code Retry-After: retryAfterSeconds}. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, detail, null, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    /** The request field the problem is about, or null. */
    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
