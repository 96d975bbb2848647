package dev.recsys.gateway.report.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.service.QualityService;
import dev.recsys.gateway.remote.PrometheusText;
import dev.recsys.gateway.remote.RemoteResponse;
import dev.recsys.gateway.remote.RemoteServices;
import dev.recsys.gateway.report.PerformanceReport;
import dev.recsys.gateway.report.PerformanceReport.Day;
import dev.recsys.gateway.report.PerformanceReport.Drift;
import dev.recsys.gateway.report.PerformanceReport.ErrorType;
import dev.recsys.gateway.report.PerformanceReport.Errors;
import dev.recsys.gateway.report.PerformanceReport.Verdict;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Gathers the performance report: per-day quality and feedback, drift verdicts, top error types. */
@ApplicationScoped
public class PerformanceReportService {

    private static final List<String> EVENTS = List.of("rated", "clicked", "ignored");
    private static final int TOP_ERRORS = 10;
    private static final long HOUR_MS = 3_600_000;
    /** Drift rows a report shows at most: one per hour of a week. */
    private static final int DRIFT_ROWS = 168;

    private final QualityService quality;
    private final FeedbackVolumeRepository volume;
    private final RemoteServices remote;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    public PerformanceReportService(QualityService quality, FeedbackVolumeRepository volume, RemoteServices remote,
            ObjectMapper mapper, GatewayConfig config) {
        this.quality = quality;
        this.volume = volume;
        this.remote = remote;
        this.mapper = mapper;
        this.config = config;
    }

    /** @param days number of UTC days, the last being today up to now */
    @WithSpan("PerformanceReportService.report")
    public Uni<PerformanceReport> report(String model, String period, int days, Instant now) {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        List<TimeRange> dayRanges = new ArrayList<>();
        for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = start.plus(Duration.ofDays(1));
            dayRanges.add(new TimeRange(start, end.isAfter(now) ? now : end));
        }
        TimeRange whole = new TimeRange(dayRanges.get(0).from(), now);
        // one day after the other: a long period must not take every database connection at once
        Uni<List<QualityMetrics>> perDay = Multi.createFrom().iterable(dayRanges)
                .onItem().transformToUniAndConcatenate(range -> quality.report(model, range).map(r -> r.overall()))
                .collect().asList();
        String encodedModel = URLEncoder.encode(model, StandardCharsets.UTF_8);
        // the whole period counted per step (hourly up to 7 days: 168 rows), not its newest 1,000 windows
        long step = Math.max(HOUR_MS, (long) Math.ceil(days * 24 / (double) DRIFT_ROWS) * HOUR_MS);
        String driftHistory = config.services().drift().url().orElse("") + "/api/v1/drift/models/" + encodedModel
                + "/history?from=" + whole.from().toEpochMilli() + "&to=" + whole.to().toEpochMilli() + "&step=" + step;
        return Uni.combine().all().unis(perDay, volume.perDay(model, whole), remote.get(driftHistory),
                remote.metrics(config.services().recommender().managementUrl()))
                .with((qualities, feedback, drift, metrics) -> {
                    List<Day> dayRows = new ArrayList<>();
                    for (int i = 0; i < dayRanges.size(); i++) {
                        TimeRange range = dayRanges.get(i);
                        QualityMetrics metric = qualities.get(i);
                        String date = range.from().atOffset(ZoneOffset.UTC).toLocalDate().toString();
                        Map<String, Long> events = new LinkedHashMap<>();
                        EVENTS.forEach(event -> events.put(event, feedback.getOrDefault(date, Map.of())
                                .getOrDefault(event, 0L)));
                        dayRows.add(new Day(date, range.from().toEpochMilli(), range.to().toEpochMilli(),
                                metric.rmse(), metric.precisionAtK(), metric.ndcgAtK(), metric.engagementRate(),
                                metric.ratings(), metric.lists(), events, metric.beyondAccuracy(),
                                metric.qualityScore()));
                    }
                    return new PerformanceReport(model, period, whole.from().toEpochMilli(),
                            whole.to().toEpochMilli(), config.quality().k(), dayRows, drift(drift), errors(metrics));
                });
    }

    private Drift drift(RemoteResponse response) {
        if (!response.ok()) {
            return new Drift(false, response.problem(), 0, 0, List.of());
        }
        JsonNode body;
        try {
            body = mapper.readTree(response.body());
        } catch (Exception e) {
            return new Drift(false, "drift history is not JSON", 0, 0, List.of());
        }
        JsonNode evaluations = evaluations(body);
        List<Verdict> verdicts = new ArrayList<>();
        int evaluated = 0;
        int driftedCount = 0;
        for (JsonNode evaluation : evaluations) {
            JsonNode dataset = evaluation.path("dataset");
            List<String> drifted = new ArrayList<>();
            evaluation.path("features").properties().forEach(feature -> {
                if (feature.getValue().path("driftDetected").asBoolean(false)) {
                    drifted.add(feature.getKey());
                }
            });
            boolean driftDetected = dataset.path("driftDetected").asBoolean(false);
            verdicts.add(new Verdict(longOrNull(evaluation.get("windowStart")),
                    longOrNull(evaluation.get("windowEnd")), driftDetected,
                    dataset.path("share").isNumber() ? dataset.path("share").asDouble() : null, drifted));
            // a row of a step counts its evaluations; a single evaluation counts one
            evaluated += evaluation.path("evaluations").asInt(1);
            driftedCount += evaluation.has("drifted") ? evaluation.path("drifted").asInt() : driftDetected ? 1 : 0;
        }
        verdicts.sort(Comparator.comparing(Verdict::windowEnd, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Drift(true, null, evaluated, driftedCount, verdicts);
    }

    /** The history is a list of evaluations, either bare or as the one array field of an object. */
    private static JsonNode evaluations(JsonNode body) {
        if (body.isArray()) {
            return body;
        }
        for (JsonNode field : body) {
            if (field.isArray()) {
                return field;
            }
        }
        return JsonNodeFactory.instance.arrayNode();
    }

    private static Long longOrNull(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.asLong() : null;
    }

    private static Errors errors(RemoteResponse response) {
        if (!response.ok()) {
            return new Errors(false, response.problem(), List.of());
        }
        List<ErrorType> top = PrometheusText.parse(response.body()).sumBy("model_errors_total", "type").entrySet()
                .stream().filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(TOP_ERRORS)
                .map(entry -> new ErrorType(entry.getKey(), entry.getValue())).toList();
        return new Errors(true, null, top);
    }
}
