package dev.recsys.common.rest;

import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Every request entity is read through {@link BodyLimit#guard}, so a chunked body over the limit is answered with the
 * limit's 413 problem wherever it is read: by Jackson, or by a service streaming an {@code InputStream} parameter.
 */
@Provider
public class BodyLimitReader implements ReaderInterceptor {

    private final BodyLimit limit;

    public BodyLimitReader(BodyLimit limit) {
        this.limit = limit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(limit.guard(context.getInputStream()));
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            // Jackson, and Quarkus REST around it, wrap what the stream throws as unreadable JSON (a 400): the limit's
            // 413 is the answer
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException problem) {
                    throw problem;
                }
            }
            throw e;
        }
    }
}
