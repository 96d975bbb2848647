package dev.recsys.common.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The request body limit of each service ({@code quarkus.http.limits.max-body-size}) answered as a problem+json 413:
 * up front from {@code Content-Length}, before a byte of the body is read, and while streaming for chunked bodies read
 * through {@link #guard(InputStream)} (bodies Quarkus buffers itself are cut by Vert.x, whose 413 {@link HttpFailures}
 * renders).
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before the routes, ahead of every other filter. */
    private static final int FILTER_PRIORITY = 10_000;

    private final long limitBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limitBytes = limit.asLongValue();
    }

    public long limitBytes() {
        return limitBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::rejectDeclaredOversize, FILTER_PRIORITY);
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

    /** The 413 problem of this limit. */
    public ProblemException tooLarge() {
        return ProblemException.tooLarge("body",
                "body: exceeds the limit of " + limitBytes + " bytes (quarkus.http.limits.max-body-size)");
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
