package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.archive.ReportArchive;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.health.LoopHeartbeat;
import dev.recsys.drift.monitor.history.HistoryRepository;
import dev.recsys.drift.monitor.history.HistoryWriter;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The monitoring loop, on its own thread every {@code drift.tick} (blocking Redis and database
 * calls stay off the event loop): finds new streams, evaluates
 * each model whose interval is due (models registered by a reference before their stream exists
 * too; one replica per model and window, by lock), refreshes the gauges from the shared status,
 * the consumer lag, writes history queued during a PostgreSQL outage, and purges old history and
 * archived reports hourly. A failing round (an {@code Error} included) is logged and the next one runs;
 * the liveness check watches the rounds ({@link #heartbeat}).
 *
 * <p>Window ends are aligned to the model's interval, so every replica and a restarted instance
 * agree on which window is due and compute the same one.
 */
@ApplicationScoped
public class MonitorScheduler {

    private static final Logger LOG = Logger.getLogger(MonitorScheduler.class);
    private static final long PURGE_EVERY_MS = Duration.ofHours(1).toMillis();

    private final MonitoredModels models;
    private final WindowEvaluator evaluator;
    private final EvaluationLock lock;
    private final StatusStore statuses;
    private final DriftMetrics metrics;
    private final HistoryRepository history;
    private final HistoryWriter writer;
    private final Database db;
    private final LoopHeartbeat heartbeat = new LoopHeartbeat("Monitor loop");
    private final ReportArchive reports;
    private final PredictionStreams streams;
    private final SketchFeed feed;
    private final MonitorConfig config;
    /** Per model, the window end of the evaluation the gauges show. */
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private long lastPurge;
    private ScheduledExecutorService loop;
    /** Extends the lock of the evaluation in progress, so a slow one (a cold start, a loaded host) keeps it. */
    private final ScheduledExecutorService lockKeeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drift-lock-keeper");
        thread.setDaemon(true);
        return thread;
    });

    public MonitorScheduler(MonitoredModels models, WindowEvaluator evaluator, EvaluationLock lock,
                            StatusStore statuses, DriftMetrics metrics, HistoryRepository history, HistoryWriter writer,
                            Database db, ReportArchive reports, PredictionStreams streams, SketchFeed feed,
                            MonitorConfig config) {
        this.models = models;
        this.evaluator = evaluator;
        this.lock = lock;
        this.statuses = statuses;
        this.metrics = metrics;
        this.history = history;
        this.writer = writer;
        this.db = db;
        this.reports = reports;
        this.streams = streams;
        this.feed = feed;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.schedulerEnabled()) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drift-monitor");
            thread.setDaemon(true);
            return thread;
        });
        // fixed delay: a slow round delays the next one instead of overlapping it
        loop.scheduleWithFixedDelay(this::tickSafely, 1_000, config.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        lockKeeper.shutdownNow();
        if (loop != null) {
            loop.shutdown();
            loop.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void tickSafely() {
        try {
            heartbeat.round(this::tick);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The monitor loop's pulse, for the liveness check. */
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    /** Whether the loop runs (false when disabled by configuration, or stopped). */
    public boolean running() {
        return loop != null && !loop.isShutdown();
    }

    void tick() {
        models.refresh();
        long now = System.currentTimeMillis();
        writer.flush();
        Set<String> withStream = models.all();
        for (String model : models.watched()) {
            metrics.watched(model);
            try {
                evaluateIfDue(model, now);
                refreshGauges(model);
                if (withStream.contains(model)) {
                    metrics.consumerLag(model, feed.lag(model, streams.key(model)));
                }
            } catch (Throwable e) {
                // one model's failure (an Error included) leaves the other models' rounds alone
                LOG.warnf(e, "Monitoring round of %s failed", model);
                metrics.recordEvaluation(model, "error", 0);
            }
        }
        if (now - lastPurge >= PURGE_EVERY_MS && !db.availability().backingOff()) {
            lastPurge = now;
            history.purge(now - config.historyRetention().toMillis());
            reports.purge(now);
        }
    }

    /** The end of the window due at {@code now}: {@code now} rounded down to the model's interval. */
    public static long dueWindowEnd(ModelWindow window, long now) {
        long interval = window.interval().toMillis();
        return Math.floorDiv(now, interval) * interval;
    }

    /**
     * Evaluates the due window unless this or another replica already did, after the windows missed
     * since the model's last evaluation (a replica killed mid-window, a round held up by a timeout)
     * when there are at most {@code drift.catch-up-windows} of them, oldest first, so every aligned window end gets
     * its evaluation and history row. The lock is held (and extended) across them; the shared status
     * tells the next owner where this one stopped.
     *
     * @return the newest evaluation when this call made any
     */
    public Optional<StoredEvaluation> evaluateIfDue(String model, long now) {
        ModelWindow window = ModelWindow.of(config, model);
        long end = dueWindowEnd(window, now);
        if (published.getOrDefault(model, Long.MIN_VALUE) >= end) {
            return Optional.empty();
        }
        Duration ttl = lockTtl(window);
        Optional<String> token = lock.tryAcquire(model, ttl);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ScheduledFuture<?> kept = keepLock(model, token.get(), ttl);
        try {
            Optional<StoredEvaluation> latest = statuses.latest(model);
            if (latest.isPresent() && latest.get().result().windowEnd() >= end) {
                return Optional.empty();
            }
            long interval = window.interval().toMillis();
            // missed windows are caught up after a short gap; after a longer one (the service was down) it starts afresh
            long first = end;
            long last = latest.map(evaluation -> evaluation.result().windowEnd()).orElse(Long.MIN_VALUE);
            if (last >= end - (config.catchUpWindows() + 1) * interval) {
                // after an admin evaluation (an unaligned end) the aligned window before it is evaluated too
                first = Math.floorDiv(last, interval) * interval + (last % interval == 0 ? interval : 0);
            }
            StoredEvaluation evaluation = null;
            for (long windowEnd = first; windowEnd <= end; windowEnd += interval) {
                if (windowEnd > first && !lock.extend(model, token.get(), ttl)) {
                    break; // the lock expired and another replica took over from the shared status
                }
                evaluation = evaluator.evaluateAndPublish(model, windowEnd);
                published.put(model, evaluation.result().windowEnd());
            }
            return Optional.ofNullable(evaluation);
        } finally {
            kept.cancel(false);
            lock.release(model, token.get());
        }
    }

    /**
     * Extends the lock every third of its ttl until cancelled: another replica takes a window over only
     * from an owner that died (its lock expires), never from one still evaluating it past the ttl.
     */
    private ScheduledFuture<?> keepLock(String model, String token, Duration ttl) {
        long period = ttl.toMillis() / 3;
        return lockKeeper.scheduleAtFixedRate(() -> {
            try {
                lock.extend(model, token, ttl);
            } catch (RuntimeException e) {
                LOG.debugf("Lock of %s not extended: %s", model, e.getMessage()); // the next period tries again
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Evaluates the window ending now for an admin, waiting briefly for a replica that holds the lock. */
    public StoredEvaluation evaluateNow(String model) {
        ModelWindow window = ModelWindow.of(config, model);
        long deadline = System.currentTimeMillis() + lockTtl(window).toMillis();
        while (true) {
            Optional<String> token = lock.tryAcquire(model, lockTtl(window));
            if (token.isPresent()) {
                try {
                    StoredEvaluation evaluation = evaluator.evaluateAndPublish(model, System.currentTimeMillis());
                    published.merge(model, evaluation.result().windowEnd(), Math::max);
                    return evaluation;
                } finally {
                    lock.release(model, token.get());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new EvaluationBusyException(model);
            }
            sleep(50);
        }
    }

    private void refreshGauges(String model) {
        statuses.latest(model).ifPresent(latest -> {
            long end = latest.result().windowEnd();
            Long shown = published.get(model);
            if (shown == null || shown < end) {
                metrics.publish(latest.result());
                published.put(model, end);
            }
        });
    }

    /** Short enough that a dead owner blocks at most one interval (a live owner extends it while it evaluates). */
    private static Duration lockTtl(ModelWindow window) {
        return window.interval().compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : window.interval();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
