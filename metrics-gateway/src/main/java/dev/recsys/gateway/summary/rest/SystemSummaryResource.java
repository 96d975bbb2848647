package dev.recsys.gateway.summary.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.recsys.gateway.summary.service.SystemSummaryService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/monitoring/summary")
public class SystemSummaryResource {

    private final SystemSummaryService service;

    public SystemSummaryResource(SystemSummaryService service) {
        this.service = service;
    }

    /** Always 200 while the gateway runs: what is down is shown as down inside the page. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> summary() {
        return service.summary();
    }
}
