package dev.recsys.gateway.quality.rest;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.common.rest.RequestParams;
import dev.recsys.gateway.quality.QualityReport;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.service.QualityService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/quality")
public class QualityResource {

    private final QualityService service;
    private final GatewayConfig.Quality config;

    public QualityResource(QualityService service, GatewayConfig config) {
        this.service = service;
        this.config = config.quality();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<QualityReport> quality(@QueryParam("model") String model, @QueryParam("window") String window,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        String name = model == null ? config.defaultModel() : RequestParams.modelName("model", model);
        TimeRange range = TimeRange.parse("window", window, RequestParams.epochMillis("from", from),
                RequestParams.epochMillis("to", to),
                config.window(), config.maxWindow(), Instant.now());
        return service.report(name, range);
    }
}
