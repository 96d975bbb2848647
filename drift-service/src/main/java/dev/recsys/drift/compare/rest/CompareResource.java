package dev.recsys.drift.compare.rest;

import dev.recsys.drift.compare.service.CompareService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** {@code POST /api/v1/drift/compare}: stateless comparison of a reference and a current sample. */
@Path("/api/v1/drift/compare")
public class CompareResource {

    private final CompareService service;

    public CompareResource(CompareService service) {
        this.service = service;
    }

    /**
     * The body is streamed (not bound to a DTO) so large numeric arrays parse into primitive arrays; past the body
     * limit the stream fails with its 413 (service-common's {@code BodyLimitReader}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DriftResultView compare(InputStream body) {
        return DriftResultView.of(service.compare(body));
    }
}
