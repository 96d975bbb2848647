package dev.recsys.gateway.health.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.recsys.gateway.health.service.ServiceHealthChecker;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/services/health")
public class ServicesHealthResource {

    private final ServiceHealthChecker checker;

    public ServicesHealthResource(ServiceHealthChecker checker) {
        this.checker = checker;
    }

    /** 200 when every service is ready, 503 otherwise; the body says which and why. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> health() {
        return checker.check().map(health -> Response.status(health.up() ? 200 : 503).entity(health).build());
    }
}
