package dev.recsys.gateway.feedback.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.recsys.gateway.feedback.service.FeedbackService;
import dev.recsys.common.rest.ProblemException;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/feedback")
public class FeedbackResource {

    private final FeedbackService service;

    public FeedbackResource(FeedbackService service) {
        this.service = service;
    }

    /**
     * 201 with the stored row once committed; 200 with the row stored before for a repeat; 202 when the
     * list is not stored yet and the feedback waits for it (committed too).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(FeedbackRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "required");
        }
        request.validate();
        return service.submit(request).map(submitted -> submitted.waiting() != null
                ? Response.accepted(submitted.waiting()).build()
                : Response.status(submitted.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(submitted.feedback()).build());
    }
}
