package dev.recsys.gateway.summary.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.health.ServicesHealth;
import dev.recsys.gateway.health.service.ServiceHealthChecker;
import dev.recsys.gateway.quality.QualityReport;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.service.QualityService;
import dev.recsys.gateway.remote.RemoteResponse;
import dev.recsys.gateway.remote.RemoteServices;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * One page of the whole system, gathered concurrently: health of every service, the served model,
 * recommender traffic, drift status and online quality. A part that cannot be fetched says so
 * (status DOWN and its error) and the rest is still shown.
 */
@ApplicationScoped
public class SystemSummaryService {

    private final ServiceHealthChecker health;
    private final RemoteServices remote;
    private final QualityService quality;
    private final TrafficRates traffic;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    public SystemSummaryService(ServiceHealthChecker health, RemoteServices remote, QualityService quality,
            TrafficRates traffic, ObjectMapper mapper, GatewayConfig config) {
        this.health = health;
        this.remote = remote;
        this.quality = quality;
        this.traffic = traffic;
        this.mapper = mapper;
        this.config = config;
    }

    @WithSpan("SystemSummaryService.summary")
    public Uni<ObjectNode> summary() {
        String model = config.quality().defaultModel();
        String recommender = config.services().recommender().url().orElse("");
        String drift = config.services().drift().url().orElse("");
        String encodedModel = URLEncoder.encode(model, StandardCharsets.UTF_8);
        Instant now = Instant.now();
        Uni<QualityReport> onlineQuality = quality.report(model,
                new TimeRange(now.minus(config.quality().window()), now));
        return Uni.combine().all().unis(
                health.check(),
                remote.get(recommender + "/api/v1/model"),
                remote.get(recommender + "/api/v1/monitoring/summary"),
                remote.metrics(config.services().recommender().managementUrl()),
                remote.get(drift + "/api/v1/drift/models"),
                remote.get(drift + "/api/v1/drift/models/" + encodedModel + "/status"),
                onlineQuality.map(report -> (Object) report)
                        .onFailure().recoverWithItem(failure -> failure))
                .with(parts -> {
                    ServicesHealth services = (ServicesHealth) parts.get(0);
                    ObjectNode page = mapper.createObjectNode();
                    page.put("generatedAt", now.toEpochMilli());
                    page.put("status", services.up() ? "UP" : "DEGRADED");
                    page.set("services", mapper.valueToTree(services.services()));

                    ObjectNode recommenderPart = page.putObject("recommender");
                    RemoteResponse modelResponse = (RemoteResponse) parts.get(1);
                    RemoteResponse summaryResponse = (RemoteResponse) parts.get(2);
                    RemoteResponse metricsResponse = (RemoteResponse) parts.get(3);
                    recommenderPart.put("status", services.services().get("recommender").status());
                    recommenderPart.set("model", json(modelResponse));
                    recommenderPart.set("summary", json(summaryResponse));
                    ObjectNode trafficPart = metricsResponse.ok()
                            ? traffic.traffic(metricsResponse.body(), now.toEpochMilli())
                            : unavailable(metricsResponse);
                    recommenderPart.set("traffic", trafficPart);

                    ObjectNode driftPart = page.putObject("drift");
                    driftPart.put("status", services.services().get("drift-service").status());
                    driftPart.set("models", json((RemoteResponse) parts.get(4)));
                    driftPart.set("current", json((RemoteResponse) parts.get(5)));

                    Object qualityPart = parts.get(6);
                    page.set("quality", qualityPart instanceof QualityReport report
                            ? mapper.valueToTree(report)
                            : mapper.createObjectNode().put("error", ((Throwable) qualityPart).getMessage()));
                    return page;
                });
    }

    /** The body of a successful JSON answer, or {"error": why} for any other. */
    private JsonNode json(RemoteResponse response) {
        if (!response.ok()) {
            return unavailable(response);
        }
        try {
            return mapper.readTree(response.body());
        } catch (Exception e) {
            return mapper.createObjectNode().put("error", "not JSON: " + e.getMessage());
        }
    }

    private ObjectNode unavailable(RemoteResponse response) {
        return mapper.createObjectNode().put("error", response.problem());
    }
}
