package dev.recsys.recommender.recommend.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Recommendation lists in Redis, keyed by model, version (with a fingerprint of its card), user, k, excludeSeen
 * and genre, so a model change never serves another version's lists. Redis trouble never fails a request: lookups time out quickly,
 * count as {@code result="error"}, and for a short back-off the cache is skipped altogether.
 */
@ApplicationScoped
public class RecommendationCache {

    private static final Logger LOG = Logger.getLogger(RecommendationCache.class);

    private final RecommenderConfig.Cache config;
    private final RecommenderMetrics metrics;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final String model;
    private final Vertx vertx;
    private final AtomicLong bypassUntilNanos = new AtomicLong(System.nanoTime());
    /** Failures are logged at most once a minute: a flapping Redis must not flood the log. */
    private static final Duration SIZE_TIMEOUT = Duration.ofSeconds(5);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());

    public RecommendationCache(RecommenderConfig config, RecommenderMetrics metrics, ReactiveRedisDataSource redis,
            Vertx vertx) {
        this.config = config.cache();
        this.model = config.modelName();
        this.metrics = metrics;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.vertx = vertx;
    }

    /**
     * Opens the first Redis connection before traffic arrives, so the first lookup does not pay for it, and
     * counts the cached lists for {@code recommendation_cache_size} every {@code size-interval}.
     */
    void warmUp(@Observes StartupEvent startup) {
        if (config.enabled()) {
            values.get("rec:warm-up").ifNoItem().after(Duration.ofSeconds(2)).fail()
                    .onFailure().recoverWithNull().await().indefinitely();
            metrics.cacheSize(model, Double.NaN);
            vertx.setPeriodic(config.sizeInterval().toMillis(), id -> size().subscribe()
                    .with(lists -> metrics.cacheSize(model, lists == null ? Double.NaN : lists)));
        }
    }

    /**
     * Lists cached for this model: a SCAN of its keys (in pages of 1,000, off the request path), null when Redis
     * cannot answer within {@link #SIZE_TIMEOUT}. SCAN may report a key twice while Redis resizes its table, so
     * this is exact only up to such rare repeats.
     */
    public Uni<Long> size() {
        if (!config.enabled()) {
            return Uni.createFrom().item(0L);
        }
        return keys.scan(new KeyScanArgs().match("rec:" + model + ":*").count(1000)).toMulti()
                .collect().with(Collectors.counting())
                .ifNoItem().after(SIZE_TIMEOUT).fail()
                .onFailure().recoverWithNull();
    }

    public boolean enabled() {
        return config.enabled();
    }

    public static String key(String model, String modelTag, int userId, int k, boolean excludeSeen, String genre) {
        return "rec:" + model + ":" + modelTag + ":" + userId + ":" + k + ":" + (excludeSeen ? 1 : 0) + ":"
                + (genre == null ? "*" : genre);
    }

    /** The cached list, empty on a miss or when Redis cannot answer in time (then counted as an error). */
    public Uni<Optional<CachedList>> get(String key) {
        if (System.nanoTime() - bypassUntilNanos.get() < 0) {
            metrics.cacheError();
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(key)
                .ifNoItem().after(config.timeout()).fail()
                .map(value -> {
                    CachedList list = CachedList.decode(value);
                    if (list == null) {
                        metrics.cacheMiss();
                    } else {
                        metrics.cacheHit();
                    }
                    return Optional.ofNullable(list);
                })
                .onFailure().recoverWithItem(failure -> {
                    failed(failure);
                    return Optional.empty();
                });
    }

    /** Stores a list; fire and forget, failures only open the back-off. */
    public void put(String key, CachedList list) {
        if (System.nanoTime() - bypassUntilNanos.get() < 0) {
            return;
        }
        values.set(key, list.encode(), new SetArgs().px(config.ttl()))
                .ifNoItem().after(config.timeout()).fail()
                .subscribe().with(ok -> { }, this::failed);
    }

    private void failed(Throwable failure) {
        metrics.cacheError();
        bypassUntilNanos.set(System.nanoTime() + config.backoff().toNanos());
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            LOG.warnf("Redis cache unavailable, answering uncached for %s at a time (logged at most once a minute): %s",
                    config.backoff(), failure.toString());
        }
    }
}
