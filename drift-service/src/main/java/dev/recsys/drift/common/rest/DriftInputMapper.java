package dev.recsys.drift.common.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.recsys.common.rest.ProblemMappers;
import dev.recsys.drift.engine.DriftInputException;

/**
 * The drift engine's input errors (a method that does not fit the data, a bad threshold …) as the shared 400 problem
 * naming the field; the engine itself knows nothing of HTTP. Every other error is mapped by service-common's
 * {@link ProblemMappers}.
 */
public class DriftInputMapper {

    @ServerExceptionMapper
    public Response driftInput(DriftInputException e, UriInfo uri) {
        return ProblemMappers.response(400, e.field() + ": " + e.getMessage(), uri.getPath(), e.field(), null);
    }
}
