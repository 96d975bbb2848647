package dev.recsys.drift.monitor.archive;

import static dev.recsys.drift.monitor.rest.MonitorResource.validName;

import dev.recsys.common.rest.ProblemException;
import dev.recsys.common.rest.RequestParams;
import dev.recsys.drift.monitor.service.MonitoredModels;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Archived drift reports of a model (docs/architecture.md §4: {@code …/reports}, {@code …/reports/{id}}). */
@Path("/api/v1/drift/models/{model}/reports")
public class ReportArchiveResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final ReportArchive archive;
    private final MonitoredModels models;

    public ReportArchiveResource(ReportArchive archive, MonitoredModels models) {
        this.archive = archive;
        this.models = models;
    }

    /** The model's archived reports, newest first: id, time (epoch ms), window end, verdict, reason, address. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list(@PathParam("model") String model, @QueryParam("limit") String limit) {
        validName(model);
        List<ArchivedReport> reports = archive.list(model, RequestParams.intInRange("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        if (reports.isEmpty() && !models.isMonitored(model)) {
            throw ProblemException.notFound("unknown model " + model + ": no prediction stream and no archived report");
        }
        List<Map<String, Object>> listed = reports.stream().map(report -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", report.id());
            entry.put("time", report.createdAt().toEpochMilli());
            entry.put("windowEnd", report.windowEnd());
            entry.put("verdict", report.verdict());
            entry.put("reason", report.reason());
            entry.put("href", "/api/v1/drift/models/" + model + "/reports/" + report.id());
            return entry;
        }).toList();
        return Map.of("model", model, "reports", listed);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public String report(@PathParam("model") String model, @PathParam("id") String id) {
        validName(model);
        long reportId = RequestParams.longInRange("id", id, 0, 1, Long.MAX_VALUE);
        return archive.html(model, reportId).orElseThrow(() ->
                ProblemException.notFound("model " + model + " has no archived report " + reportId));
    }
}
