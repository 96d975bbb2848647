package dev.recsys.recommender.common.rest;

import jakarta.ws.rs.core.Response.Status;

/** A failure the client is told about as a problem response; carries no stack trace to the client. */
public class ProblemException extends RuntimeException {

    private final Status status;
    private final String detail;

    public ProblemException(Status status, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Status.BAD_REQUEST, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND, detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE, detail);
    }

    public Status status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
