package dev.recsys.common.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures below JAX-RS as problem+json: what Vert.x itself refuses (a body over the limit: 413, a URI that cannot be
 * decoded: 400, no route: 404) and what escaped every exception mapper ({@link Error}s such as {@link OutOfMemoryError}: 500, logged once).
 * Without it Quarkus answers those with its own text or HTML error page, which in dev mode carries a stack trace.
 */
@ApplicationScoped
public class HttpFailures {

    private static final Logger LOG = Logger.getLogger(HttpFailures.class);

    /** The statuses Vert.x Web answers itself when no route handles a request, e.g. 400 for a malformed URI. */
    private static final int[] ROUTER_STATUSES = {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503};

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // failures before any route matched (a path or query that cannot be decoded) reach no failure handler
        for (int status : ROUTER_STATUSES) {
            router.errorHandler(status, this::handle);
        }
    }

    private void handle(RoutingContext rc) {
        if (rc.response().headWritten() || rc.response().ended()) {
            return;
        }
        Throwable failure = rc.failure();
        int status = rc.statusCode();
        String detail;
        if (failure instanceof ProblemException problem) {
            status = problem.status();
            detail = problem.detail();
            problem.headers().forEach(rc.response()::putHeader);
        } else if (status >= 400 && status < 500) {
            detail = switch (status) {
                case 400 -> failure instanceof IllegalArgumentException
                        ? "the request URI could not be decoded (malformed percent-encoding or invalid UTF-8)"
                        : "the request could not be read";
                case 404 -> "no resource at this path";
                case 405 -> "method not allowed at this path";
                case 413 -> "body: exceeds the request body limit (quarkus.http.limits.max-body-size)";
                default -> "the request could not be read";
            };
        } else if (failure != null && Unavailable.isUnavailable(failure)) {
            status = 503;
            detail = "a store this answer needs is unavailable; retry later";
            rc.response().putHeader("Retry-After", Integer.toString(ProblemException.RETRY_AFTER_SECONDS));
            LOG.warnf("request %s: a store is unavailable: %s", rc.request().path(), Unavailable.describe(failure));
        } else {
            status = status >= 500 ? status : 500;
            detail = "the service could not answer this request; see its log";
            LOG.errorf(failure, "request %s failed", rc.request().path());
        }
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Problem.of(status, detail, rc.request().path(), status == 413 ? "body" : null).toJson());
    }
}
