package dev.recsys.recommender.monitoring.rest;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.recsys.recommender.metrics.RecommenderMetrics;
import dev.recsys.recommender.model.service.ModelManager;
import dev.recsys.recommender.model.service.ServingState;
import dev.recsys.recommender.recommend.activity.ActiveUsers;
import dev.recsys.recommender.recommend.cache.RecommendationCache;
import dev.recsys.recommender.recommend.events.PredictionEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** One page of what this service did since it started, from its own counters. */
@Path("/api/v1/monitoring/summary")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoringResource {

    private final ModelManager models;
    private final RecommenderMetrics metrics;
    private final MeterRegistry registry;
    private final PredictionEventPublisher events;
    private final RecommendationCache cache;
    private final ActiveUsers activeUsers;

    public MonitoringResource(ModelManager models, RecommenderMetrics metrics, MeterRegistry registry,
            PredictionEventPublisher events, RecommendationCache cache, ActiveUsers activeUsers) {
        this.models = models;
        this.metrics = metrics;
        this.registry = registry;
        this.events = events;
        this.cache = cache;
        this.activeUsers = activeUsers;
    }

    /** {@code activeUsers}: distinct users served per window ({@code 5m}, {@code 1h}, {@code 24h}), null if unknown. */
    public record Summary(String requestId, ModelStatus model, CacheStats cache, long recommendationsGenerated,
            long coldStarts, long searches, long modelErrors, Map<String, Long> modelErrorsByType, EventStats events,
            Map<String, Long> activeUsers) {
    }

    public record ModelStatus(String name, boolean loaded, String version, String provider, String experiment,
            String treatmentVersion, String failure) {
    }

    /** {@code size}: lists cached in Redis now (null when Redis cannot answer). */
    public record CacheStats(long hits, long misses, long errors, Double hitRate, Long size) {
    }

    public record EventStats(long published, long dropped, int buffered) {
    }

    @GET
    public Uni<Summary> summary() {
        ServingState state = models.state();
        ModelStatus model = new ModelStatus(models.modelName(), state.loaded(),
                state.loaded() ? state.control().versionLabel() : null,
                state.loaded() ? state.control().provider().name() : null,
                state.runningExperiment().map(ServingState.Experiment::name).orElse(null),
                state.treatment() == null ? null : state.treatment().versionLabel(), state.failure());
        long hits = (long) metrics.count("recommendation.cache.requests", "result", "hit");
        long misses = (long) metrics.count("recommendation.cache.requests", "result", "miss");
        long errors = (long) metrics.count("recommendation.cache.requests", "result", "error");
        long lookups = hits + misses + errors;
        Map<String, Long> errorsByType = new TreeMap<>();
        for (Counter c : registry.find("model.errors").counters()) {
            errorsByType.merge(c.getId().getTag("type"), (long) c.count(), Long::sum);
        }
        Double hitRate = lookups == 0 ? null : hits / (double) lookups;
        EventStats eventStats = new EventStats((long) metrics.count("prediction.events.published"),
                (long) metrics.count("prediction.events.dropped"), events.buffered());
        long generated = (long) metrics.count("recommendations.generated");
        long coldStarts = (long) metrics.count("recommendation.cold.start");
        long searches = (long) metrics.count("movie.searches");
        long modelErrors = errorsByType.values().stream().mapToLong(Long::longValue).sum();
        return Uni.combine().all().unis(cache.size(), activeUsers.count()).asTuple()
                .map(redis -> new Summary(UUID.randomUUID().toString(), model,
                        new CacheStats(hits, misses, errors, hitRate, redis.getItem1()), generated, coldStarts, searches,
                        modelErrors, errorsByType, eventStats, redis.getItem2()));
    }
}
