package dev.recsys.gateway.report.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.common.rest.RequestParams;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.report.service.PerformanceReportService;
import dev.recsys.gateway.report.service.ReportHtml;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/reports/performance")
public class PerformanceReportResource {

    private static final Pattern DAYS = Pattern.compile("\\d{1,3}d");

    private final PerformanceReportService service;
    private final GatewayConfig.Quality config;

    public PerformanceReportResource(PerformanceReportService service, GatewayConfig config) {
        this.service = service;
        this.config = config.quality();
    }

    /** HTML for people; JSON when the client asks for application/json (and not text/html). */
    @GET
    @Produces({ MediaType.TEXT_HTML, MediaType.APPLICATION_JSON })
    public Uni<Response> report(@QueryParam("period") String period, @QueryParam("model") String model,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String name = model == null ? config.defaultModel() : RequestParams.modelName("model", model);
        String length = period == null ? "7d" : period;
        if (!DAYS.matcher(length).matches()) {
            throw ProblemException.badRequest("period", "whole days such as 1d, 7d or 30d");
        }
        Duration days = TimeRange.duration("period", length);
        if (days.compareTo(config.maxWindow()) > 0) {
            throw ProblemException.badRequest("period", "at most " + config.maxWindow().toDays() + "d");
        }
        boolean json = wantsJson(accept);
        return service.report(name, length, (int) days.toDays(), Instant.now())
                .map(report -> json
                        ? Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build()
                        : Response.ok(ReportHtml.render(report), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        List<String> types = List.of(accept.toLowerCase().split(","));
        return types.stream().anyMatch(type -> type.trim().startsWith(MediaType.APPLICATION_JSON))
                && types.stream().noneMatch(type -> type.trim().startsWith(MediaType.TEXT_HTML));
    }
}
