package dev.recsys.recommender.recommend.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hyperloglog.ReactiveHyperLogLogCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Distinct users served in the last 5 minutes, hour and day, in Redis HyperLogLogs (about 0.8 % standard error,
 * 12 KB per key at most, and mergeable across recommender instances because every instance adds to the same keys).
 * <p>
 * Each served list adds its user to the HyperLogLog of the current minute and of the current hour (PFADD, fire and
 * forget, one round trip); each key expires once no window needs it. A window counts the union (PFCOUNT over
 * several keys) of its current bucket and the full buckets before it: 5m = 6 minute keys, 1h = 61 minute keys,
 * 24h = 25 hour keys, so a window covers between its length and one bucket more. The gauges are counted every
 * {@code recommender.active-users.count-interval}, off the scrape; the summary counts on demand.
 * <p>
 * Redis trouble never fails or slows a request: adds time out, are dropped and pause for a short back-off; a count
 * that fails is unknown (NaN in the gauge, null in the summary).
 */
@ApplicationScoped
public class ActiveUsers {

    private static final Logger LOG = Logger.getLogger(ActiveUsers.class);
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /** After a failed add, adds are skipped for this long rather than queueing on a Redis that is away. */
    private static final long BACKOFF_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    /** A window: its label, the bucket it is counted in, and how many full buckets before the current one. */
    enum Window {
        FIVE_MINUTES("5m", Bucket.MINUTE, 5), ONE_HOUR("1h", Bucket.MINUTE, 60), ONE_DAY("24h", Bucket.HOUR, 24);

        final String label;
        final Bucket bucket;
        final int previous;

        Window(String label, Bucket bucket, int previous) {
            this.label = label;
            this.bucket = bucket;
            this.previous = previous;
        }
    }

    /** Bucket length and how long a key must live: the longest window counted in it plus one bucket of margin. */
    enum Bucket {
        MINUTE("1m", MINUTE_MS, Duration.ofMinutes(62)), HOUR("1h", HOUR_MS, Duration.ofHours(26));

        final String label;
        final long millis;
        final Duration ttl;

        Bucket(String label, long millis, Duration ttl) {
            this.label = label;
            this.millis = millis;
            this.ttl = ttl;
        }
    }

    private final RecommenderConfig.ActiveUsers config;
    private final String model;
    private final RecommenderMetrics metrics;
    private final ReactiveHyperLogLogCommands<String, String> hll;
    private final ReactiveKeyCommands<String> keys;
    private final Vertx vertx;
    private final AtomicLong skipUntilNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
    private volatile long countTimer = -1;

    public ActiveUsers(RecommenderConfig config, RecommenderMetrics metrics, ReactiveRedisDataSource redis, Vertx vertx) {
        this.config = config.activeUsers();
        this.model = config.modelName();
        this.metrics = metrics;
        this.hll = redis.hyperloglog(String.class);
        this.keys = redis.key();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        metrics.activeUsersUnknown(model, Arrays.stream(Window.values()).map(w -> w.label).toList());
        countTimer = vertx.setPeriodic(config.countInterval().toMillis(), id -> count().subscribe().with(counts ->
                counts.forEach((window, users) -> metrics.activeUsers(model, window, users == null ? Double.NaN : users))));
    }

    /** Stops counting at shutdown, so no count runs against a Redis client that is already closed. */
    void stop(@Observes ShutdownEvent shutdown) {
        if (countTimer >= 0) {
            vertx.cancelTimer(countTimer);
        }
    }

    String key(Bucket bucket, long bucketIndex) {
        return "active-users:" + model + ":" + bucket.label + ":" + bucketIndex;
    }

    /** Adds a served user to the current minute and hour; returns at once. */
    public void served(int userId) {
        if (!config.enabled() || System.nanoTime() - skipUntilNanos.get() < 0) {
            return;
        }
        long now = System.currentTimeMillis();
        String user = Integer.toString(userId);
        List<Uni<Boolean>> commands = new ArrayList<>(4);
        for (Bucket bucket : Bucket.values()) {
            String key = key(bucket, now / bucket.millis);
            commands.add(hll.pfadd(key, user));
            commands.add(keys.expire(key, bucket.ttl));
        }
        Uni.join().all(commands).andFailFast()
                .ifNoItem().after(config.timeout()).fail()
                .subscribe().with(ok -> { }, this::addFailed);
    }

    private void addFailed(Throwable failure) {
        long now = System.nanoTime();
        skipUntilNanos.set(now + BACKOFF_NANOS);
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            LOG.warnf("Redis unavailable: active users not counted for 2 s at a time (logged at most once a minute): %s",
                    failure.toString());
        }
    }

    /** Distinct users per window label ({@code 5m}, {@code 1h}, {@code 24h}); null where Redis could not answer. */
    public Uni<Map<String, Long>> count() {
        long now = System.currentTimeMillis();
        List<Uni<Long>> counts = new ArrayList<>();
        for (Window window : Window.values()) {
            long current = now / window.bucket.millis;
            String[] windowKeys = new String[window.previous + 1];
            for (int i = 0; i <= window.previous; i++) {
                windowKeys[i] = key(window.bucket, current - i);
            }
            counts.add(config.enabled()
                    ? hll.pfcount(windowKeys).ifNoItem().after(config.timeout()).fail().onFailure().recoverWithNull()
                    : Uni.createFrom().nullItem());
        }
        return Uni.join().all(counts).andCollectFailures().map(values -> {
            Map<String, Long> byWindow = new LinkedHashMap<>();
            for (Window window : Window.values()) {
                byWindow.put(window.label, values.get(window.ordinal()));
            }
            return byWindow;
        });
    }
}
