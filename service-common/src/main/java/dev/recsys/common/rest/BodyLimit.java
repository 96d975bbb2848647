package dev.recsys.common.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The request body limit of each service ({@code quarkus.http.limits.max-body-size}) answered as a problem+json 413:
 * up front from {@code Content-Length}, before a byte of the body is read, and for a body without one (chunked) while
 * it is read, through {@link #guard(InputStream)}, which {@link BodyLimitReader} puts around every entity read
 * (bodies Quarkus buffers itself are cut by Vert.x, whose 413 {@link HttpFailures} renders).
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before the routes, ahead of every other filter (and of Quarkus' own limit check at route order -2). */
    private static final int FILTER_PRIORITY = 10_000;

    /** Order -1: right after Quarkus' limit check, which leaves the limit of a body without Content-Length here. */
    private static final int AFTER_QUARKUS_LIMIT_PRIORITY = 1;

    /**
     * The routing-context key under which Quarkus hands the limit to Quarkus REST's body stream, which cuts a chunked
     * body with an empty 413 (no problem) once more bytes arrived than the limit, before the service reads them.
     */
    private static final String QUARKUS_STREAM_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long limitBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limitBytes = limit.asLongValue();
    }

    public long limitBytes() {
        return limitBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::rejectDeclaredOversize, FILTER_PRIORITY);
        filters.register(this::takeOverStreamedLimit, AFTER_QUARKUS_LIMIT_PRIORITY);
    }

    /** A body without Content-Length is counted by {@link #guard(InputStream)} instead, which answers a problem. */
    private void takeOverStreamedLimit(RoutingContext rc) {
        rc.remove(QUARKUS_STREAM_LIMIT_KEY);
        rc.next();
    }

    private void rejectDeclaredOversize(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > limitBytes) {
            rc.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Problem.of(413, tooLarge().detail(), rc.request().path(), "body").toJson());
            return;
        }
        rc.next();
    }

    /**
     * The 413 problem of this limit. The connection closes after it: the rest of the body is never read, so the
     * connection cannot carry another request.
     */
    public ProblemException tooLarge() {
        return new ProblemException(413,
                "body: exceeds the limit of " + limitBytes + " bytes (quarkus.http.limits.max-body-size)", "body",
                Map.of("Connection", "close"));
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Wraps a body stream so that reading past the limit fails with this limit's 413 {@link ProblemException}. */
    public InputStream guard(InputStream body) {
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > limitBytes) {
                    throw tooLarge();
                }
            }
        };
    }
}
