package dev.recsys.drift.monitor.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.reference.CsvReference;
import dev.recsys.drift.monitor.reference.InvalidReferenceException;
import dev.recsys.drift.monitor.reference.ReferenceProfile;
import dev.recsys.drift.monitor.reference.ReferenceService;
import dev.recsys.drift.monitor.report.ReportRenderer;
import dev.recsys.drift.monitor.service.EvaluationBusyException;
import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.HistoryService;
import dev.recsys.drift.monitor.service.MonitorScheduler;
import dev.recsys.drift.monitor.service.MonitoredModels;
import dev.recsys.drift.monitor.service.StatusStore;
import dev.recsys.drift.monitor.service.StoredEvaluation;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Windowed drift monitoring of the models whose prediction streams exist (docs/architecture.md §4, drift-service). */
@Path("/api/v1/drift/models")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorResource {

    private final MonitoredModels models;
    private final StatusStore statuses;
    private final MonitorScheduler scheduler;
    private final ReferenceService references;
    private final HistoryService history;
    private final PredictionStreams streams;
    private final AdminGuard admin;
    private final MonitorConfig config;
    private final ObjectMapper json;

    public MonitorResource(MonitoredModels models, StatusStore statuses, MonitorScheduler scheduler,
                           ReferenceService references, HistoryService history, PredictionStreams streams,
                           AdminGuard admin, MonitorConfig config, ObjectMapper json) {
        this.models = models;
        this.statuses = statuses;
        this.scheduler = scheduler;
        this.references = references;
        this.history = history;
        this.streams = streams;
        this.admin = admin;
        this.config = config;
        this.json = json;
    }

    /** Every monitored model with the headline of its latest evaluation. */
    @GET
    public Map<String, Object> list() {
        models.refresh();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (String model : models.watched()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", model);
            entry.put("stream", streams.key(model));
            statuses.latest(model).map(StoredEvaluation::result).ifPresent(latest -> {
                entry.put("status", latest.status());
                entry.put("windowEnd", latest.windowEnd());
                entry.put("samples", latest.samples());
                entry.put("mode", latest.mode());
                if (latest.dataset() != null) {
                    entry.put("driftDetected", latest.dataset().driftDetected());
                    entry.put("share", latest.dataset().share());
                }
            });
            listed.add(entry);
        }
        return Map.of("models", listed);
    }

    @GET
    @Path("/{model}/status")
    public EvaluationResult status(@PathParam("model") String model) {
        return latest(requireKnown(model)).result();
    }

    @GET
    @Path("/{model}/report")
    @Produces(MediaType.TEXT_HTML)
    public String report(@PathParam("model") String model) {
        return ReportRenderer.render(latest(requireKnown(model)), config.jaegerUiUrl());
    }

    @GET
    @Path("/{model}/history")
    public Map<String, Object> history(@PathParam("model") String model, @QueryParam("feature") String feature,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("limit") String limit) {
        requireKnown(model);
        long toMs = to == null ? System.currentTimeMillis() : epochMs("to", to);
        long fromMs = from == null ? toMs - 24 * 3600_000L : epochMs("from", from);
        if (fromMs > toMs) {
            throw MonitorProblem.badRequest("from", "must not be after 'to'");
        }
        if (feature != null && (feature.isBlank() || feature.length() > 128)) {
            throw MonitorProblem.badRequest("feature", "must be 1 to 128 characters");
        }
        int max = limit == null ? 1000 : (int) bounded("limit", limit, 1, 10_000);
        return history.history(model, feature, fromMs, toMs, max);
    }

    @POST
    @Path("/{model}/evaluate")
    public EvaluationResult evaluate(@PathParam("model") String model,
                                     @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.check(authorization);
        requireMonitored(validName(model));
        try {
            return scheduler.evaluateNow(model).result();
        } catch (EvaluationBusyException e) {
            throw new MonitorProblem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /**
     * Sets the reference: an uploaded sample ({@code features}, JSON or CSV) or a production baseline
     * ({@code baseline: {from, to}}, the model's own events). A model without a stream is registered
     * by it and evaluated at once, so it is listed and has a status before its first event.
     */
    @PUT
    @Path("/{model}/reference")
    @Consumes({MediaType.APPLICATION_JSON, "text/csv"})
    public Map<String, Object> putReference(@PathParam("model") String model,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        admin.check(authorization);
        validName(model);
        ReferenceProfile profile;
        try {
            JsonNode document = contentType != null && contentType.startsWith("text/csv")
                    ? CsvReference.toDocument(body) : parseJson(body);
            if (document.has("baseline") && document.has("features")) {
                throw new InvalidReferenceException("body", "give either 'features' or 'baseline', not both");
            }
            profile = document.has("baseline") ? references.pinBaseline(model, document.get("baseline"))
                    : references.replace(model, document, knownFeatures(model));
        } catch (InvalidReferenceException e) {
            throw MonitorProblem.badRequest(e.field(), e.getMessage().substring(e.field().length() + 2));
        }
        if (!models.isMonitored(model) && statuses.latest(model).isEmpty()) {
            evaluateRegistered(model);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model", model);
        answer.put("source", profile.source());
        answer.put("samples", profile.samples());
        answer.put("features", profile.features().keySet());
        answer.put("reference", EvaluationResult.ReferenceInfo.of(profile));
        return answer;
    }

    /** A first (empty) evaluation of a model registered before launch; the scheduler's next round also makes one. */
    private void evaluateRegistered(String model) {
        try {
            scheduler.evaluateNow(model);
        } catch (EvaluationBusyException e) {
            // another replica is evaluating it right now: that evaluation becomes its status
        }
    }

    @DELETE
    @Path("/{model}/reference")
    public Response clearReference(@PathParam("model") String model,
                                   @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.check(authorization);
        validName(model);
        if (!references.clear(model)) {
            throw MonitorProblem.notFound("model " + model + " has no admin reference");
        }
        return Response.noContent().build();
    }

    /**
     * Features the model is known to have: its repository reference's and its newest event's; empty
     * for a model that has neither yet (registered before launch: any features are accepted).
     */
    private Set<String> knownFeatures(String model) {
        boolean monitored = models.isMonitored(model);
        String version = monitored ? streams.newestVersion(model) : null;
        Set<String> known = new HashSet<>(references.repositoryFeatures(model, version));
        if (monitored) {
            known.addAll(streams.newestFeatures(model));
        }
        return known;
    }

    private JsonNode parseJson(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidReferenceException("body", "must be a JSON object with a 'features' object");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidReferenceException("body", "is not valid JSON");
        }
    }

    private StoredEvaluation latest(String model) {
        return statuses.latest(model).orElseThrow(() -> MonitorProblem.notFound(
                "model " + model + " has not been evaluated yet; the first evaluation follows within one interval"));
    }

    /** A monitored or registered model, or one with stored results (its stream may have been deleted since). */
    private String requireKnown(String model) {
        validName(model);
        if (!models.isWatched(model) && statuses.latest(model).isEmpty()) {
            throw MonitorProblem.notFound("unknown model " + model + ": no stream " + streams.key(model));
        }
        return model;
    }

    private void requireMonitored(String model) {
        if (!models.isWatched(model)) {
            throw MonitorProblem.notFound("unknown model " + model + ": no stream " + streams.key(model));
        }
    }

    private static String validName(String model) {
        if (model == null || !MonitoredModels.NAME.matcher(model).matches()) {
            throw MonitorProblem.badRequest("model", "must match [A-Za-z0-9._-]{1,64}");
        }
        return model;
    }

    private static long epochMs(String field, String value) {
        return bounded(field, value, 0, Long.MAX_VALUE);
    }

    private static long bounded(String field, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw MonitorProblem.badRequest(field, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw MonitorProblem.badRequest(field, "must be an integer" + (min == 0 && max == Long.MAX_VALUE
                    ? " (epoch milliseconds)" : ""));
        }
    }
}
