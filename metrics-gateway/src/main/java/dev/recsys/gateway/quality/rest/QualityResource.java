package dev.recsys.gateway.quality.rest;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.problem.ProblemException;
import dev.recsys.gateway.quality.QualityReport;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.service.QualityService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/quality")
public class QualityResource {

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._-]{1,128}");

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
        String name = model == null ? config.defaultModel() : model;
        if (!MODEL.matcher(name).matches()) {
            throw ProblemException.badRequest("model", "1 to 128 letters, digits, '.', '_' or '-'");
        }
        TimeRange range = TimeRange.parse("window", window, epochMillis("from", from), epochMillis("to", to),
                config.window(), config.maxWindow(), Instant.now());
        return service.report(name, range);
    }

    /** Parses an epoch-ms query parameter; a bad one is a 400 naming it, not a 404. */
    public static Long epochMillis(String param, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(param, "must be epoch milliseconds");
        }
    }
}
