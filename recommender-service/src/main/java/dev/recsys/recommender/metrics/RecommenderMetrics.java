package dev.recsys.recommender.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.common.metrics.LatencyBuckets;
import dev.recsys.common.metrics.SettableGauges;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.recommender.config.RecommenderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The recommender's metrics of docs/architecture.md §6; names and labels are contracts of dashboards and alert rules. Names are
 * written in Micrometer's dotted style; the Prometheus registry exports {@code recommendations.generated} as
 * {@code recommendations_generated_total}. Counters whose label values are known are registered at 0: the
 * model's error and drop reasons from start-up, its per-version counters when the version is loaded.
 */
@ApplicationScoped
public class RecommenderMetrics {

    /** {@code model_errors_total{type}}: failed inference, failed model load, failed event publication. */
    public static final String[] ERROR_TYPES = {"inference", "load", "event_publish"};
    /** {@code prediction_events_dropped_total{model,reason}}: why buffered prediction events were not sent. */
    public static final String[] DROP_REASONS = {"serialization", "buffer_full", "expired", "shutdown"};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
    /**
     * Served scores are predicted ratings (0.5..5 stars, a little beyond at the extremes) or, for cold starts,
     * the card's popularity scores: quarter-star buckets from 0 to 6. Classic buckets, not a native histogram:
     * Micrometer's Prometheus registry cannot write native histograms (micrometer issue 4923).
     */
    static final double[] SCORE_BUCKETS = scoreBuckets();

    private final MeterRegistry registry;
    private final SettableGauges gauges;
    /** Per model and version: the tags of the model_execution_provider and model_offline_metric series. */
    private final Map<String, String[]> providers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> offlineMetrics = new ConcurrentHashMap<>();
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheErrors;
    private final Counter searches;
    private final Timer searchDuration;

    public RecommenderMetrics(MeterRegistry registry, SettableGauges gauges, RecommenderConfig config) {
        this.registry = registry;
        this.gauges = gauges;
        this.cacheHits = cacheCounter("hit");
        this.cacheMisses = cacheCounter("miss");
        this.cacheErrors = cacheCounter("error");
        this.searchDuration = Timer.builder("movie.search.duration").description("Catalog full-text search time")
                .serviceLevelObjectives(LatencyBuckets.BUCKETS).register(registry);
        this.searches = registry.counter("movie.searches");
        // series with known labels exist from the start, so rate() and alert rules see 0 rather than nothing
        for (String type : ERROR_TYPES) {
            registry.counter("model.errors", "type", type);
        }
        for (String reason : DROP_REASONS) {
            eventDropped(config.modelName(), reason, 0);
        }
    }

    private Counter cacheCounter(String result) {
        return Counter.builder("recommendation.cache.requests").description("Recommendation cache lookups by result")
                .tag("result", result).register(registry);
    }

    public void inference(String model, String version, String provider, int batchSize, long nanos) {
        Timer.builder("model.inference.duration").description("Time of one ONNX Runtime call (one batch)")
                .tags("model", model, "version", version, "provider", provider)
                .serviceLevelObjectives(LatencyBuckets.BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("model.inference.batch.size").description("Requests scored per ONNX Runtime call")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(BATCH_BUCKETS).register(registry).record(batchSize);
    }

    /** Records the scores of one served list in {@code recommendation_score{model,version}}. */
    public void scores(String model, String version, float[] scores) {
        DistributionSummary summary = DistributionSummary.builder("recommendation.score")
                .description("Scores of served recommendations (predicted rating, or popularity for cold starts)")
                .tags("model", model, "version", version).serviceLevelObjectives(SCORE_BUCKETS).register(registry);
        for (float score : scores) {
            summary.record(score);
        }
    }

    private static double[] scoreBuckets() {
        double[] buckets = new double[24];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = 0.25 * (i + 1);
        }
        return buckets;
    }

    /**
     * Sets {@code recommendation_active_users{model,window}} (NaN while unknown: before the first count, or when
     * Redis could not answer).
     */
    public void activeUsers(String model, String window, double users) {
        gauges.set("recommendation.active.users",
                "Distinct users served in the window (Redis HyperLogLog, about 0.8 % standard error)", users,
                "model", model, "window", window);
    }

    /** Registers the active-user gauges of a model at NaN, so they exist before the first count. */
    public void activeUsersUnknown(String model, List<String> windows) {
        for (String window : windows) {
            activeUsers(model, window, Double.NaN);
        }
    }

    /** Sets {@code recommendation_cache_size{model}}: cached lists in Redis (NaN while unknown). */
    public void cacheSize(String model, double lists) {
        gauges.set("recommendation.cache.size", "Recommendation lists cached in Redis", lists, "model", model);
    }

    public void generated(String model, String version, boolean coldStart) {
        generated(model, version, 1, coldStart ? 1 : 0);
    }

    public void cacheHit() {
        cacheHits.increment();
    }

    public void cacheMiss() {
        cacheMisses.increment();
    }

    public void cacheError() {
        cacheErrors.increment();
    }

    public void modelError(String type) {
        registry.counter("model.errors", "type", type).increment();
    }

    public void eventPublished(String model, String version, long count) {
        registry.counter("prediction.events.published", "model", model, "version", version).increment(count);
    }

    public void eventDropped(String model, String reason, long count) {
        registry.counter("prediction.events.dropped", "model", model, "reason", reason).increment(count);
    }

    /**
     * Registers {@code dependency_degraded{dependency}}: 1 while a dependency whose loss only degrades the
     * service (e.g. the catalog database) is unavailable, else 0.
     */
    public void dependencyDegraded(String dependency, java.util.function.BooleanSupplier degraded) {
        // computed at scrape time, like data_freshness_seconds, so a function gauge rather than a settable one
        Gauge.builder("dependency.degraded", degraded, d -> d.getAsBoolean() ? 1 : 0)
                .description("1 while a dependency whose loss only degrades the service is unavailable")
                .tag("dependency", dependency).strongReference(true).register(registry);
    }

    public Timer searchTimer() {
        searches.increment();
        return searchDuration;
    }

    /**
     * Sets {@code model_loaded{model,version}}: 1 while the version serves, 0 after it was replaced. A serving
     * version's counters start at 0; a replaced version's provider and offline-metric gauges are removed.
     */
    public void loaded(String model, String version, boolean serving) {
        gauges.set("model.loaded", "1 while the model version serves", serving ? 1 : 0,
                "model", model, "version", version);
        if (serving) {
            generated(model, version, 0, 0);
            eventPublished(model, version, 0);
            return;
        }
        String[] provider = providers.remove(model + "\u0000" + version);
        if (provider != null) {
            gauges.remove("model.execution.provider", provider);
        }
        Set<String> offline = offlineMetrics.remove(model + "\u0000" + version);
        if (offline != null) {
            offline.forEach(metric -> gauges.remove("model.offline.metric",
                    "model", model, "version", version, "metric", metric));
        }
    }

    private void generated(String model, String version, long lists, long coldStarts) {
        registry.counter("recommendations.generated", "model", model, "version", version).increment(lists);
        registry.counter("recommendation.cold.start", "model", model, "version", version).increment(coldStarts);
    }

    /**
     * Publishes {@code model_execution_provider{model,version,provider,gpu}} = 1 while the version serves:
     * where ONNX Runtime runs it ({@code cuda|cpu}) and whether the process sees an NVIDIA driver
     * ({@code gpu="true"}), so "a GPU pod serving on CPU" is one selector. Removed when the version is replaced.
     */
    public void executionProvider(String model, String version, String provider, boolean gpuVisible) {
        String[] tags = {"model", model, "version", version, "provider", provider, "gpu", Boolean.toString(gpuVisible)};
        providers.put(model + "\u0000" + version, tags);
        gauges.set("model.execution.provider", "1 for the execution provider a loaded model version runs on", 1,
                tags);
    }

    /**
     * Publishes the card's offline quality as {@code model_offline_metric{model,version,metric}}: the
     * accuracy metrics, and the beyond-accuracy ones of cards that have them (catalog_coverage,
     * unique_items, intra_list_diversity, novelty, popularity_gini), defined as the gateway's online ones.
     */
    public void offlineMetrics(String model, String version, ModelCard card) {
        ModelCard.OfflineMetrics m = card.offlineMetrics();
        if (m == null) {
            return;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("rmse", m.rmse());
        values.put("mae", m.mae());
        values.put("precision_at_10", m.precisionAt10());
        values.put("recall_at_10", m.recallAt10());
        values.put("ndcg_at_10", m.ndcgAt10());
        ModelCard.BeyondAccuracy b = card.beyondAccuracy();
        if (b != null) {
            values.put("catalog_coverage", b.catalogCoverage());
            values.put("unique_items", (double) b.uniqueItems());
            values.put("intra_list_diversity", b.intraListDiversity());
            values.put("novelty", b.novelty());
            values.put("popularity_gini", b.popularityGini());
        }
        values.values().removeIf(value -> value == null);
        offlineMetrics.put(model + "\u0000" + version, values.keySet());
        values.forEach((metric, value) -> gauges.set("model.offline.metric", "Offline quality from the model card",
                value, "model", model, "version", version, "metric", metric));
    }

    public double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
