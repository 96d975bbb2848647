package dev.recsys.recommender.catalog.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.recsys.recommender.common.rest.Problem;

/** The catalog database cannot be reached: 503 problem+json with {@code Retry-After}, retrying will help. */
public class CatalogUnavailableMapper {

    @ServerExceptionMapper
    public Response unavailable(CatalogUnavailableException e, UriInfo uri) {
        Problem body = new Problem("about:blank", "Service Unavailable", 503, e.getMessage(),
                uri == null ? null : uri.getPath());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", CatalogUnavailableException.RETRY_AFTER_SECONDS)
                .entity(body).build();
    }
}
