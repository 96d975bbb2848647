package dev.recsys.drift.monitor.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.rest.AdminAuthorization;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.common.rest.RequestParams;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.reference.CsvReference;
import dev.recsys.drift.monitor.reference.InvalidReferenceException;
import dev.recsys.drift.monitor.reference.ReferenceProfile;
import dev.recsys.drift.monitor.reference.ReferenceService;
import dev.recsys.drift.monitor.report.ReportRenderer;
import dev.recsys.drift.monitor.service.Degradation;
import dev.recsys.drift.monitor.service.Degradations;
import dev.recsys.drift.monitor.service.EvaluationBusyException;
import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.HistoryService;
import dev.recsys.drift.monitor.service.MonitorScheduler;
import dev.recsys.drift.monitor.service.MonitoredModels;
import dev.recsys.drift.monitor.service.StatusStore;
import dev.recsys.drift.monitor.service.StoredEvaluation;
import dev.recsys.drift.monitor.stream.LiveWindows;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** Upper bound of from/to (the end of year 9999), so that no range arithmetic overflows. */
    static final long MAX_EPOCH_MS = 253_402_300_799_999L;
    /** The longest history range one request may ask for (the default retention is 30 days). */
    static final long MAX_HISTORY_RANGE_MS = 366L * 24 * 3600_000L;
    /** Most rows one history answer holds: evaluations with {@code limit}, steps with {@code step}. */
    static final int MAX_HISTORY_ROWS = 10_000;

    private final MonitoredModels models;
    private final StatusStore statuses;
    private final MonitorScheduler scheduler;
    private final ReferenceService references;
    private final HistoryService history;
    private final PredictionStreams streams;
    private final AdminAuthorization admin;
    private final LiveWindows liveWindows;
    private final MonitorConfig config;
    private final ObjectMapper json;
    private final Degradations degradations;

    public MonitorResource(MonitoredModels models, StatusStore statuses, MonitorScheduler scheduler,
                           ReferenceService references, HistoryService history, PredictionStreams streams,
                           AdminAuthorization admin, MonitorConfig config, ObjectMapper json,
                           Degradations degradations, LiveWindows liveWindows) {
        this.models = models;
        this.statuses = statuses;
        this.scheduler = scheduler;
        this.references = references;
        this.history = history;
        this.streams = streams;
        this.admin = admin;
        this.config = config;
        this.json = json;
        this.degradations = degradations;
        this.liveWindows = liveWindows;
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
            if (liveWindows.rebuilding(model)) {
                entry.put("window", "rebuilding");
            }
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", listed);
        List<Degradation> degraded = degradations.current();
        if (!degraded.isEmpty()) {
            body.put("degraded", degraded);
        }
        return body;
    }

    @GET
    @Path("/{model}/status")
    public StatusView status(@PathParam("model") String model) {
        return new StatusView(latest(requireKnown(model)).result(), degradations.current());
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
                                       @QueryParam("limit") String limit, @QueryParam("step") String step) {
        requireKnown(model);
        long toMs = RequestParams.longInRange("to", to, System.currentTimeMillis(), 0, MAX_EPOCH_MS);
        long fromMs = RequestParams.longInRange("from", from, toMs - 24 * 3600_000L, 0, MAX_EPOCH_MS);
        if (fromMs > toMs) {
            throw ProblemException.badRequest("from", "must not be after 'to'");
        }
        if (toMs - fromMs > MAX_HISTORY_RANGE_MS) {
            throw ProblemException.badRequest("from", "from..to may span at most 366 days");
        }
        if (feature != null) {
            RequestParams.text("feature", feature, 1, 128);
        }
        if (step != null) {
            long stepMs = RequestParams.longInRange("step", step, 0, 1_000, MAX_HISTORY_RANGE_MS);
            if ((toMs - fromMs) / stepMs >= MAX_HISTORY_ROWS) {
                throw ProblemException.badRequest("step", "must be at least (to - from) / " + MAX_HISTORY_ROWS
                        + " = " + ((toMs - fromMs) / MAX_HISTORY_ROWS + 1) + " ms");
            }
            return history.steps(model, feature, fromMs, toMs, stepMs);
        }
        int max = RequestParams.intInRange("limit", limit, 1000, 1, MAX_HISTORY_ROWS);
        return history.history(model, feature, fromMs, toMs, max);
    }

    @POST
    @Path("/{model}/evaluate")
    public StatusView evaluate(@PathParam("model") String model,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.require(authorization);
        requireMonitored(validName(model));
        try {
            EvaluationResult result = scheduler.evaluateNow(model).result();
            return new StatusView(result, degradations.current());
        } catch (EvaluationBusyException e) {
            throw ProblemException.unavailable(e.getMessage());
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
                                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                            InputStream upload) {
        admin.require(authorization);
        validName(model);
        String body = read(upload);
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
            throw ProblemException.badRequest(e.field(), e.getMessage().substring(e.field().length() + 2));
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
        admin.require(authorization);
        validName(model);
        if (!references.clear(model)) {
            throw ProblemException.notFound("model " + model + " has no admin reference");
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

    /** The body as UTF-8 text; over the body limit (also when sent chunked) a 413 problem (BodyLimitReader). */
    private String read(InputStream upload) {
        try (upload) {
            return new String(upload.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "could not be read");
        }
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
        return statuses.latest(model).orElseThrow(() -> ProblemException.notFound(
                "model " + model + " has not been evaluated yet; the first evaluation follows within one interval"));
    }

    /** A monitored or registered model, or one with stored results (its stream may have been deleted since). */
    private String requireKnown(String model) {
        validName(model);
        if (!models.isWatched(model) && statuses.latest(model).isEmpty()) {
            throw ProblemException.notFound("unknown model " + model + ": no stream " + streams.key(model));
        }
        return model;
    }

    private void requireMonitored(String model) {
        if (!models.isWatched(model)) {
            throw ProblemException.notFound("unknown model " + model + ": no stream " + streams.key(model));
        }
    }

    /** A model name as streams and repository folders allow it (400 naming {@code model} otherwise). */
    public static String validName(String model) {
        return RequestParams.matching("model", model, MonitoredModels.NAME, "1 to 64 letters, digits, '.', '_' or '-'");
    }
}
