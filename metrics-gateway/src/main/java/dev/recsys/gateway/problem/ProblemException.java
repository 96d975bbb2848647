package dev.recsys.gateway.problem;

import java.util.Map;

/** A failure that becomes an RFC 9457 {@code application/problem+json} response. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public static ProblemException badRequest(String field, String problem) {
        return new ProblemException(400, "Bad Request", field + ": " + problem);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    /** 503 with Retry-After: a store the answer depends on (PostgreSQL, Redis) is unavailable. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service Unavailable", detail,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
