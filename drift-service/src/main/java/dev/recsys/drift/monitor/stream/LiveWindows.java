package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The in-memory windows of the models this instance evaluates. Each stream entry is read and
 * parsed once: a model's first evaluation (after a start, or when this instance takes the model
 * over from another replica) rebuilds its window with one ranged read; every later one reads only
 * the entries added since. Windows of models this instance has not evaluated for two intervals
 * (another replica holds them) are dropped, so replicas do not pay for windows they do not
 * evaluate. While a rebuild runs, {@code drift:rebuilding:{model}} is set in Redis for every
 * replica's status to show.
 */
@ApplicationScoped
public class LiveWindows {

    private static final Logger LOG = Logger.getLogger(LiveWindows.class);
    /** Bytes an event costs before a window has measured it (7 features, its id in the duplicate index included). */
    static final long DEFAULT_EVENT_BYTES = 234;

    private final PredictionStreams streams;
    private final RedisDataSource redis;
    private final MonitorConfig config;
    private final Map<String, LiveWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, Long> eventBytes = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LiveWindows(PredictionStreams streams, RedisDataSource redis, MonitorConfig config) {
        this.streams = streams;
        this.redis = redis;
        this.config = config;
    }

    /** Whether a window of about {@code events} events fits the memory budget. */
    public boolean fits(String model, long events) {
        return events * eventBytes.getOrDefault(model, DEFAULT_EVENT_BYTES) <= budget();
    }

    /**
     * {@code use} of the model's window {@code [start, end)} from memory, after reading the entries
     * added since the last call (or rebuilding it), while no other thread reads into that window;
     * empty when it does not fit the memory budget.
     */
    public <T> Optional<T> select(String model, long start, long end, Function<LiveWindow.Selection, T> use) {
        long now = System.currentTimeMillis();
        dropIdle(now);
        Object lock = locks.computeIfAbsent(model, m -> new Object());
        synchronized (lock) {
            lastUsed.put(model, now);
            long margin = config.streamIdMargin().toMillis();
            long budget = budget();
            LiveWindow window = windows.get(model);
            if (window != null && !catchUp(model, window, start - margin)) {
                windows.remove(model);
                window = null;
            }
            if (window == null) {
                window = rebuild(model, Math.max(0, start - margin), budget);
                if (window == null) {
                    return Optional.empty();
                }
                windows.put(model, window);
            }
            long keepFrom = Math.min(start, now - ModelWindow.of(config, model).size().toMillis());
            window.evictBefore(keepFrom, margin);
            long bytes = window.bytes();
            if (window.events() > 0) {
                eventBytes.put(model, Math.max(1, bytes / window.events()));
            }
            if (bytes > budget) {
                windows.remove(model);
                return Optional.empty();
            }
            return Optional.of(use.apply(window.select(start, end, Math.max(0, start - margin), end + margin,
                    config.sampleTraces(), lock)));
        }
    }

    /** Whether the model's window is being rebuilt by any replica. */
    public boolean rebuilding(String model) {
        return redis.key().exists(rebuildingKey(model));
    }

    /** Reads what is new; false when the window cannot go on (it lacks older entries, or the stream was reset). */
    private boolean catchUp(String model, LiveWindow window, long needFrom) {
        if (needFrom < window.coveredFrom()) {
            return false;
        }
        if (window.lastId() == null) {
            streams.readFrom(model, window.coveredFrom(), window::add);
            return true;
        }
        return streams.readAfter(model, window.lastId(), window::add);
    }

    private LiveWindow rebuild(String model, long from, long budget) {
        long started = System.nanoTime();
        String key = rebuildingKey(model);
        redis.value(String.class).setex(key, 600, "1");
        try {
            LiveWindow window = new LiveWindow(from);
            long[] checked = {0};
            boolean[] over = {false};
            try {
                streams.readFrom(model, from, (id, idTime, entry) -> {
                    window.add(id, idTime, entry);
                    if (window.events() - checked[0] >= 50_000) {
                        checked[0] = window.events();
                        over[0] = window.bytes() > budget;
                    }
                    return !over[0];
                });
            } finally {
                if (window.events() > 0) {
                    eventBytes.put(model, Math.max(1, window.bytes() / window.events()));
                }
            }
            if (over[0]) {
                LOG.infof("Window of %s exceeds drift.window-memory-mb after %d events: evaluated from sketches", model,
                        window.events());
                return null;
            }
            LOG.infof("Rebuilt the window of %s: %d entries in %.0f ms", model, window.events(),
                    (System.nanoTime() - started) / 1e6);
            return window;
        } finally {
            redis.key().del(key);
        }
    }

    /** Drops windows of models this instance has not evaluated for two of their intervals (another replica does). */
    private void dropIdle(long now) {
        lastUsed.forEach((model, used) -> {
            Duration interval = ModelWindow.of(config, model).interval();
            if (now - used > 2 * Math.max(interval.toMillis(), 60_000)) {
                windows.remove(model);
                lastUsed.remove(model, used);
            }
        });
    }

    /** drift.window-memory-mb in bytes. */
    private long budget() {
        return config.windowMemoryMb() * 1024L * 1024L;
    }

    private static String rebuildingKey(String model) {
        return "drift:rebuilding:" + model;
    }
}
