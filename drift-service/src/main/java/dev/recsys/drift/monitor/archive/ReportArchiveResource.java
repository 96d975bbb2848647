package dev.recsys.drift.monitor.archive;

import dev.recsys.drift.monitor.rest.MonitorProblem;
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
        List<ArchivedReport> reports = archive.list(model, limit(limit));
        if (reports.isEmpty() && !models.isMonitored(model)) {
            throw MonitorProblem.notFound("unknown model " + model + ": no prediction stream and no archived report");
        }
        List<Map<String, Object>> listed = reports.stream().map(report -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", report.id);
            entry.put("time", report.createdAt.toEpochMilli());
            entry.put("windowEnd", report.windowEnd);
            entry.put("verdict", report.verdict);
            entry.put("reason", report.reason);
            entry.put("href", "/api/v1/drift/models/" + model + "/reports/" + report.id);
            return entry;
        }).toList();
        return Map.of("model", model, "reports", listed);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public String report(@PathParam("model") String model, @PathParam("id") String id) {
        validName(model);
        long reportId = reportId(id);
        return archive.html(model, reportId).orElseThrow(() ->
                MonitorProblem.notFound("model " + model + " has no archived report " + reportId));
    }

    private static void validName(String model) {
        if (!MonitoredModels.NAME.matcher(model).matches()) {
            throw MonitorProblem.badRequest("model", "must match [A-Za-z0-9._-]{1,64}");
        }
    }

    private static long reportId(String id) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw MonitorProblem.badRequest("id", "must be a positive integer (a report id from …/reports)");
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit.trim());
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw MonitorProblem.badRequest("limit", "must be an integer between 1 and " + MAX_LIMIT);
    }
}
