package dev.recsys.recommender.recommend.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Sends prediction events to Redis without ever holding up a request: {@link #publish} only puts the event
 * into a bounded buffer; a background thread sends buffered events in pipelined batches
 * ({@code XADD … MINID ~ <now - retention> * event <json>}) and retries after failures. Events that do not
 * fit the buffer, outlive the retention while Redis is away, or are left at shutdown are dropped and counted.
 */
@ApplicationScoped
public class PredictionEventPublisher {

    private static final Logger LOG = Logger.getLogger(PredictionEventPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(3);

    private final RecommenderConfig.Events config;
    private final String model;
    private final RecommenderMetrics metrics;
    private final Redis redis;
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Buffered> buffer;
    private volatile boolean running = true;
    /** Events taken from the buffer by the sender and not yet confirmed by Redis. */
    private volatile int sending;
    private Thread sender;

    private record Buffered(String version, long ts, String json) {
    }

    public PredictionEventPublisher(RecommenderConfig config, RecommenderMetrics metrics, Redis redis) {
        this.config = config.events();
        this.model = config.modelName();
        this.metrics = metrics;
        this.redis = redis;
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, this.config.bufferSize()));
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        sender = new Thread(this::sendLoop, "prediction-event-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    /** Buffers the event; never blocks. */
    public void publish(PredictionEvent event) {
        if (!config.enabled()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            metrics.eventDropped(model, "serialization", 1);
            return;
        }
        if (!buffer.offer(new Buffered(event.version(), event.ts(), body))) {
            metrics.eventDropped(model, "buffer_full", 1);
        }
    }

    /** Events waiting for Redis: in the buffer or in the batch being (re)sent. */
    public int buffered() {
        return buffer.size() + sending;
    }

    /** False when publishing is enabled but the sender thread has died. */
    public boolean senderAlive() {
        return !config.enabled() || sender == null || sender.isAlive();
    }

    private void sendLoop() {
        List<Buffered> batch = new ArrayList<>(config.batchSize());
        boolean failing = false;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    Buffered first = buffer.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                buffer.drainTo(batch, config.batchSize() - batch.size());
                dropExpired(batch);
                sending = batch.size();
                send(batch);
                sending = 0;
                if (failing) {
                    LOG.infof("publishing prediction events to Redis again");
                    failing = false;
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warnf("cannot publish prediction events to Redis (%s); buffering and retrying every %s",
                            e.toString(), config.retryBackoff());
                    failing = true;
                }
                metrics.modelError("event_publish");
                sleep(config.retryBackoff());
            }
        }
    }

    private void send(List<Buffered> batch) {
        if (batch.isEmpty()) {
            return;
        }
        redis.batch(toRequests(batch)).await().atMost(SEND_TIMEOUT);
        batch.stream().collect(Collectors.groupingBy(Buffered::version, Collectors.counting()))
                .forEach((version, count) -> metrics.eventPublished(model, version, count));
    }

    private List<Request> toRequests(List<Buffered> batch) {
        String stream = PredictionEvent.stream(model);
        String minId = Long.toString(System.currentTimeMillis() - config.retention().toMillis());
        List<Request> requests = new ArrayList<>(batch.size());
        for (Buffered b : batch) {
            requests.add(Request.cmd(Command.XADD).arg(stream).arg("MINID").arg("~").arg(minId).arg("*")
                    .arg("event").arg(b.json()));
        }
        return requests;
    }

    /** Events older than the retention would be trimmed at once; while Redis is away they are dropped instead. */
    private void dropExpired(List<Buffered> batch) {
        long oldest = System.currentTimeMillis() - config.retention().toMillis();
        int before = batch.size();
        batch.removeIf(b -> b.ts() < oldest);
        if (batch.size() < before) {
            metrics.eventDropped(model, "expired", before - batch.size());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (sender == null) {
            return;
        }
        try {
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Buffered> rest = new ArrayList<>();
        buffer.drainTo(rest);
        if (rest.isEmpty()) {
            return;
        }
        int sent = 0;
        try {
            while (sent < rest.size()) {
                List<Buffered> part = rest.subList(sent, Math.min(rest.size(), sent + config.batchSize()));
                redis.batch(toRequests(part)).await().atMost(SHUTDOWN_FLUSH);
                sent += part.size();
            }
        } catch (RuntimeException e) {
            metrics.eventDropped(model, "shutdown", rest.size() - sent);
        }
    }
}
