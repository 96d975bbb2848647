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

/** Runs this replica's sketch consumer on its own thread (blocking reads stay off the event loop). */
@ApplicationScoped
public class SketchIngestRunner {

    private static final Logger LOG = Logger.getLogger(SketchIngestRunner.class);

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
        this.ingest = new SketchIngest(redis, store, settings(config, consumer, streams), metrics::consumed);
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
        while (running) {
            try {
                if (!heartbeat.round(() -> {
                    if (ingest.poll(models.all()) == 0 && models.all().isEmpty()) {
                        Thread.sleep(config.tick().toMillis());
                    }
                })) {
                    sleepQuietly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
