package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
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
 * evaluate. The same reads feed the per-minute sketches ({@link SketchFeed}) from the parsed
 * entries, past the memory budget too. While a rebuild runs, {@code drift:rebuilding:{model}} is
 * set in Redis for every replica's status to show.
 */
@ApplicationScoped
public class LiveWindows {

    private static final Logger LOG = Logger.getLogger(LiveWindows.class);
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Bytes an event costs before a window has measured it (7 features, its id in the duplicate index included). */
    static final long DEFAULT_EVENT_BYTES = 234;

    private final PredictionStreams streams;
    private final SketchFeed feed;
    private final RedisDataSource redis;
    private final MonitorConfig config;
    private final Map<String, LiveWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, Long> eventBytes = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LiveWindows(PredictionStreams streams, SketchFeed feed, RedisDataSource redis, MonitorConfig config) {
        this.streams = streams;
        this.feed = feed;
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
            SketchFeed.Round sketches = feed.begin(model, streams.key(model));
            LiveWindow window = windows.get(model);
            if (window != null && !catchUp(model, window, start - margin, sketches)) {
                windows.remove(model);
                window = null;
            }
            if (window == null) {
                window = rebuild(model, Math.max(0, start - margin), budget, sketches);
                if (window == null) {
                    sketches.commit();
                    return Optional.empty();
                }
                windows.put(model, window);
            }
            sketches.commit();
            long keepFrom = Math.min(start, now - ModelWindow.of(config, model).size().toMillis());
            window.evictBefore(keepFrom, margin);
            window.trimBefore(now - margin);
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

    /**
     * Folds the model's entries not yet sketched into its sketches (a window evaluated from sketches,
     * or read from the stream by count): each is parsed once, and kept in no window.
     */
    public void sketchOnly(String model) {
        synchronized (locks.computeIfAbsent(model, m -> new Object())) {
            SketchFeed.Round sketches = feed.begin(model, streams.key(model));
            streams.readBetween(model, sketches.mark(), "+", folding(sketches));
            sketches.commit();
        }
    }

    /** A sink that only sketches. */
    private static PredictionStreams.EntrySink folding(SketchFeed.Round sketches) {
        return (id, idTime, entry, raw) -> {
            sketches.fold(id, entry, raw);
            return true;
        };
    }

    /** A sink that sketches what is new to the sketches and adds every entry to the window. */
    private static PredictionStreams.EntrySink adding(LiveWindow window, SketchFeed.Round sketches) {
        return (id, idTime, entry, raw) -> {
            sketches.fold(id, entry, raw);
            return window.add(id, idTime, entry);
        };
    }

    /**
     * Sketches the entries after the watermark that the window's next read ({@code upTo}: an XRANGE
     * end) would not see, because the window already holds them (another replica owned the model meanwhile).
     */
    private void sketchGap(String model, SketchFeed.Round sketches, String upTo) {
        if (StreamIds.compare(sketches.mark(), upTo) < 0) {
            streams.readBetween(model, sketches.mark(), upTo, folding(sketches));
        }
    }

    /** Whether the model's window is being rebuilt by any replica. */
    public boolean rebuilding(String model) {
        return redis.key().exists(rebuildingKey(model));
    }

    /** Reads what is new; false when the window cannot go on (it lacks older entries, or the stream was reset). */
    private boolean catchUp(String model, LiveWindow window, long needFrom, SketchFeed.Round sketches) {
        if (needFrom < window.coveredFrom()) {
            return false;
        }
        if (window.lastId() == null) {
            sketchGap(model, sketches, StreamIds.before(window.coveredFrom()));
            streams.readFrom(model, window.coveredFrom(), adding(window, sketches));
            return true;
        }
        sketchGap(model, sketches, window.lastId());
        return streams.readAfter(model, window.lastId(), adding(window, sketches));
    }

    private LiveWindow rebuild(String model, long from, long budget, SketchFeed.Round sketches) {
        long started = System.nanoTime();
        long cpuStarted = PROCESS.getProcessCpuTime();
        String key = rebuildingKey(model);
        redis.value(String.class).setex(key, 600, "1");
        try {
            LiveWindow window = new LiveWindow(from);
            long[] checked = {0};
            boolean[] over = {false};
            sketchGap(model, sketches, StreamIds.before(from));
            PredictionStreams.EntrySink adding = adding(window, sketches);
            try {
                streams.readFrom(model, from, (id, idTime, entry, raw) -> {
                    adding.accept(id, idTime, entry, raw);
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
                // the rest is parsed once, for the sketches only
                streams.readBetween(model, sketches.mark(), "+", folding(sketches));
                return null;
            }
            // process CPU (Redis reply decoding runs on the event loop): what make bench-drift-window reports per event
            LOG.infof("Rebuilt the window of %s: %d entries in %.0f ms (%.0f ms process CPU)", model, window.events(),
                    (System.nanoTime() - started) / 1e6, (PROCESS.getProcessCpuTime() - cpuStarted) / 1e6);
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
                feed.forget(model);
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
