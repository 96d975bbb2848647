package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.health.LoopHeartbeat;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.service.DriftMetrics;
import dev.recsys.drift.monitor.service.MonitoredModels;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Runs this replica's sketch consumer on its own thread (blocking reads stay off the event loop);
 * after a failed round it waits 100 ms, doubled per failure in a row up to 30 s.
 */
@ApplicationScoped
public class SketchIngestRunner {

    private static final Logger LOG = Logger.getLogger(SketchIngestRunner.class);
    /** Longest wait between two failed rounds. */
    static final long MAX_BACKOFF_MS = 30_000;

    private final MonitorConfig config;
    private final MonitoredModels models;
    private final SketchIngest ingest;
    private final LoopHeartbeat heartbeat = new LoopHeartbeat("Sketch consumer");
    private volatile boolean running;
    private Thread thread;

    public SketchIngestRunner(MonitorConfig config, MonitoredModels models, RedisDataSource redis, SketchStore store,
                              PredictionStreams streams, DriftMetrics metrics) {
        this.config = config;
        this.models = models;
        String consumer = System.getenv().getOrDefault("HOSTNAME", "drift") + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.ingest = new SketchIngest(redis, store, settings(config, consumer, streams), new SketchIngest.Listener() {
            @Override
            public void consumed(String model, long events) {
                metrics.consumed(model, events);
            }

            @Override
            public void deadLettered(String model, String reason) {
                metrics.deadLettered(model, reason);
            }
        });
    }

    /** Consumer settings; buckets are kept as long as the largest configured window needs them. */
    public static SketchIngest.Settings settings(MonitorConfig config, String consumer, PredictionStreams streams) {
        long maxWindow = config.window().size().toMillis();
        for (String model : config.models().keySet()) {
            maxWindow = Math.max(maxWindow, ModelWindow.of(config, model).size().toMillis());
        }
        MonitorConfig.Sketch sketch = config.sketch();
        return new SketchIngest.Settings(sketch.group(), consumer, sketch.batch(), Duration.ofSeconds(1),
                sketch.claimIdle(), maxWindow + sketch.retentionMargin().toMillis(), streams::key);
    }

    void start(@Observes StartupEvent event) {
        if (!config.schedulerEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "drift-sketch-ingest");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** The consumer's pulse, for the liveness check. */
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    /** Whether the consumer thread runs (true when disabled by configuration: nothing to watch). */
    public boolean alive() {
        return thread == null || thread.isAlive() || !running;
    }

    private void run() {
        LOG.infof("Sketch consumer %s started", ingest.consumer());
        int failures = 0;
        while (running) {
            try {
                boolean completed = heartbeat.round(() -> {
                    if (ingest.poll(models.all()) == 0 && models.all().isEmpty()) {
                        Thread.sleep(config.tick().toMillis());
                    }
                });
                if (completed) {
                    failures = 0;
                } else {
                    // e.g. Redis refusing writes at maxmemory: wait longer after each failure instead of spinning
                    sleepQuietly(backoffMillis(++failures));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** 100 ms doubled per failure in a row, at most {@link #MAX_BACKOFF_MS}. */
    public static long backoffMillis(int failures) {
        return Math.min(MAX_BACKOFF_MS, 100L << Math.min(failures - 1, 20));
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
