package dev.recsys.drift.monitor.rest;

import jakarta.ws.rs.core.Response;

/** An RFC 7807 problem answered by the monitoring endpoints; {@code detail} names the bad field. */
public class MonitorProblem extends RuntimeException {

    private final Response.Status status;

    public MonitorProblem(Response.Status status, String detail) {
        super(detail);
        this.status = status;
    }

    public static MonitorProblem badRequest(String field, String message) {
        return new MonitorProblem(Response.Status.BAD_REQUEST, field + ": " + message);
    }

    public static MonitorProblem notFound(String detail) {
        return new MonitorProblem(Response.Status.NOT_FOUND, detail);
    }

    public Response.Status status() {
        return status;
    }
}
