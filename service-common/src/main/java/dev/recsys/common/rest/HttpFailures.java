package dev.recsys.common.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures below JAX-RS as problem+json: what Vert.x itself refuses (a body over the limit: 413, a malformed request:
 * 400) and what escaped every exception mapper ({@link Error}s such as {@link OutOfMemoryError}: 500, logged once).
 * Without it Quarkus answers those with its own text or HTML error page, which in dev mode carries a stack trace.
 */
@ApplicationScoped
public class HttpFailures {

    private static final Logger LOG = Logger.getLogger(HttpFailures.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
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
            detail = status == 413 ? "body: exceeds the request body limit (quarkus.http.limits.max-body-size)"
                    : "the request could not be read";
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
