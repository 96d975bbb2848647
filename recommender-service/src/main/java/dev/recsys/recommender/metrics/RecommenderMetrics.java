package dev.recsys.recommender.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.common.metrics.LatencyBuckets;
import dev.recsys.modelrepository.ModelCard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** The recommender's metrics of docs/architecture.md §6; names and labels are contracts of dashboards and alert rules. */
@ApplicationScoped
public class RecommenderMetrics {

    /** {@code model_errors_total{type}}: failed inference, failed model load, failed event publication. */
    public static final String[] ERROR_TYPES = {"inference", "load", "event_publish"};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
    /**
     * Served scores are predicted ratings (0.5..5 stars, a little beyond at the extremes) or, for cold starts,
     * the card's popularity scores: quarter-star buckets from 0 to 6. Classic buckets, not a native histogram:
     * Micrometer's Prometheus registry cannot write native histograms (micrometer issue 4923).
     */
    static final double[] SCORE_BUCKETS = scoreBuckets();

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> loaded = new ConcurrentHashMap<>();
    private final Map<String, Meter.Id[]> offlineMetrics = new ConcurrentHashMap<>();
    private final Map<String, Meter.Id> providers = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> activeUsers = new ConcurrentHashMap<>();
    private final AtomicReference<Double> cacheSize = new AtomicReference<>(Double.NaN);
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheErrors;
    private final Counter searches;
    private final Timer searchDuration;

    public RecommenderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cacheHits = cacheCounter("hit");
        this.cacheMisses = cacheCounter("miss");
        this.cacheErrors = cacheCounter("error");
        this.searchDuration = Timer.builder("movie_search_duration").description("Catalog full-text search time")
                .serviceLevelObjectives(LatencyBuckets.BUCKETS).register(registry);
        this.searches = registry.counter("movie_searches");
        // error series exist from the start, so rate() and alert rules see 0 rather than nothing
        for (String type : ERROR_TYPES) {
            registry.counter("model_errors", "type", type);
        }
    }

    private Counter cacheCounter(String result) {
        return Counter.builder("recommendation_cache_requests").description("Recommendation cache lookups by result")
                .tag("result", result).register(registry);
    }

    public void inference(String model, String version, String provider, int batchSize, long nanos) {
        Timer.builder("model_inference_duration").description("Time of one ONNX Runtime call (one batch)")
                .tags("model", model, "version", version, "provider", provider)
                .serviceLevelObjectives(LatencyBuckets.BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("model_inference_batch_size").description("Requests scored per ONNX Runtime call")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(BATCH_BUCKETS).register(registry).record(batchSize);
    }

    /** Records the scores of one served list in {@code recommendation_score{model,version}}. */
    public void scores(String model, String version, float[] scores) {
        DistributionSummary summary = DistributionSummary.builder("recommendation_score")
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
     * Redis could not answer). Registered at NaN from start-up for every window.
     */
    public void activeUsers(String model, String window, double users) {
        activeUsersGauge(model, window).set(users);
    }

    private AtomicReference<Double> activeUsersGauge(String model, String window) {
        return activeUsers.computeIfAbsent(model + "\u0000" + window, key -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            Gauge.builder("recommendation_active_users", value, AtomicReference::get)
                    .description("Distinct users served in the window (Redis HyperLogLog, about 0.8 % standard error)")
                    .tags("model", model, "window", window).register(registry);
            return value;
        });
    }

    /** Registers the active-user gauges of a model at NaN, so they exist before the first count. */
    public void activeUsersUnknown(String model, List<String> windows) {
        for (String window : windows) {
            activeUsersGauge(model, window);
        }
    }

    /** Sets {@code recommendation_cache_size{model}}: cached lists in Redis (NaN while unknown). */
    public void cacheSize(String model, double lists) {
        if (registry.find("recommendation_cache_size").tags("model", model).gauge() == null) {
            Gauge.builder("recommendation_cache_size", cacheSize, AtomicReference::get)
                    .description("Recommendation lists cached in Redis").tags("model", model).register(registry);
        }
        cacheSize.set(lists);
    }

    public void generated(String model, String version, boolean coldStart) {
        registry.counter("recommendations_generated", "model", model, "version", version).increment();
        if (coldStart) {
            registry.counter("recommendation_cold_start", "model", model, "version", version).increment();
        }
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
        registry.counter("model_errors", "type", type).increment();
    }

    public void eventPublished(String model, String version, long count) {
        registry.counter("prediction_events_published", "model", model, "version", version).increment(count);
    }

    public void eventDropped(String model, String reason, long count) {
        registry.counter("prediction_events_dropped", "model", model, "reason", reason).increment(count);
    }

    public Timer searchTimer() {
        searches.increment();
        return searchDuration;
    }

    /** Sets {@code model_loaded{model,version}}: 1 while the version serves, 0 after it was replaced. */
    public void loaded(String model, String version, boolean serving) {
        loaded.computeIfAbsent(model + "\u0000" + version, key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("model_loaded", value, AtomicInteger::get).description("1 while the model version serves")
                    .tags("model", model, "version", version).register(registry);
            return value;
        }).set(serving ? 1 : 0);
        if (serving) {
            return;
        }
        Meter.Id provider = providers.remove(model + "\u0000" + version);
        if (provider != null) {
            registry.remove(provider);
        }
        Meter.Id[] offline = offlineMetrics.remove(model + "\u0000" + version);
        if (offline != null) {
            for (Meter.Id id : offline) {
                registry.remove(id);
            }
        }
    }

    /**
     * Publishes {@code model_execution_provider{model,version,provider,gpu}} = 1 while the version serves:
     * where ONNX Runtime runs it ({@code cuda|cpu}) and whether the process sees an NVIDIA driver
     * ({@code gpu="true"}), so "a GPU pod serving on CPU" is one selector. Removed when the version is replaced.
     */
    public void executionProvider(String model, String version, String provider, boolean gpuVisible) {
        providers.computeIfAbsent(model + "\u0000" + version, key -> Gauge.builder("model_execution_provider", () -> 1)
                .description("1 for the execution provider a loaded model version runs on")
                .tags("model", model, "version", version, "provider", provider, "gpu", Boolean.toString(gpuVisible))
                .register(registry).getId());
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
        offlineMetrics.computeIfAbsent(model + "\u0000" + version, key -> {
            List<Meter.Id> ids = new ArrayList<>(List.of(
                    offline(model, version, "rmse", m.rmse()),
                    offline(model, version, "mae", m.mae()),
                    offline(model, version, "precision_at_10", m.precisionAt10()),
                    offline(model, version, "recall_at_10", m.recallAt10()),
                    offline(model, version, "ndcg_at_10", m.ndcgAt10())));
            ModelCard.BeyondAccuracy b = card.beyondAccuracy();
            if (b != null) {
                Map<String, Double> beyond = new LinkedHashMap<>();
                beyond.put("catalog_coverage", b.catalogCoverage());
                beyond.put("unique_items", (double) b.uniqueItems());
                beyond.put("intra_list_diversity", b.intraListDiversity());
                beyond.put("novelty", b.novelty());
                beyond.put("popularity_gini", b.popularityGini());
                beyond.forEach((metric, value) -> {
                    if (value != null) {
                        ids.add(offline(model, version, metric, value));
                    }
                });
            }
            return ids.toArray(Meter.Id[]::new);
        });
    }

    private Meter.Id offline(String model, String version, String metric, double value) {
        return Gauge.builder("model_offline_metric", () -> value).description("Offline quality from the model card")
                .tags(Tags.of("model", model, "version", version, "metric", metric)).register(registry).getId();
    }

    public double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
