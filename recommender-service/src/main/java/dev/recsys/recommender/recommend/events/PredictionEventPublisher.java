package dev.recsys.recommender.recommend.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;

/**
 * Sends prediction events to Redis without ever holding up a request: {@link #publish} only puts the event
 * into a bounded buffer; a background thread sends buffered events in pipelined batches
 * ({@code XADD … MINID ~ <now - retention> * event <json>}) and retries after failures, sending again only the
 * events Redis did not take. Events that do not fit the buffer, outlive the retention while Redis is away, or
 * that Redis does not take by the end of shutdown are dropped and counted.
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
    /** The sender's batch: events taken from the buffer that Redis has not taken yet. */
    private final List<Buffered> unsent = new ArrayList<>();
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
        boolean failing = false;
        while (running) {
            try {
                if (unsent.isEmpty()) {
                    Buffered first = buffer.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    unsent.add(first);
                }
                buffer.drainTo(unsent, config.batchSize() - unsent.size());
                dropExpired(unsent);
                sending = unsent.size();
                int before = unsent.size();
                retain(unsent, send(unsent, SEND_TIMEOUT));
                sending = unsent.size();
                if (!unsent.isEmpty()) {
                    throw new IllegalStateException("Redis refused " + unsent.size() + " of " + before + " events");
                }
                if (failing) {
                    LOG.infof("publishing prediction events to Redis again");
                    failing = false;
                }
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

    /**
     * Sends the events pipelined on one connection, one {@code XADD} each, and counts those Redis took. Returns
     * the indexes of the events it refused (e.g. OOM) or never answered for, so that only those are sent again:
     * a partly successful batch is not repeated whole. Throws when no connection can be had, or when the replies
     * do not all come within the timeout (then the whole batch is sent again).
     */
    private Set<Integer> send(List<Buffered> batch, Duration timeout) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        List<Request> requests = toRequests(batch);
        RedisConnection connection = redis.connect().await().atMost(timeout);
        List<Boolean> taken;
        try {
            List<Uni<Boolean>> replies = new ArrayList<>(requests.size());
            for (Request request : requests) {
                replies.add(connection.send(request).map(reply -> true).onFailure().recoverWithItem(false));
            }
            taken = Uni.join().all(replies).andFailFast().await().atMost(timeout);
        } finally {
            connection.closeAndForget();
        }
        Set<Integer> refused = new HashSet<>();
        Map<String, Long> published = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (taken.get(i)) {
                published.merge(batch.get(i).version(), 1L, Long::sum);
            } else {
                refused.add(i);
            }
        }
        published.forEach((version, count) -> metrics.eventPublished(model, version, count));
        return refused;
    }

    /** Keeps the events at the given indexes only. */
    private static void retain(List<Buffered> batch, Set<Integer> indexes) {
        List<Buffered> kept = new ArrayList<>(indexes.size());
        for (int i = 0; i < batch.size(); i++) {
            if (indexes.contains(i)) {
                kept.add(batch.get(i));
            }
        }
        batch.clear();
        batch.addAll(kept);
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

    /**
     * Stops the sender (interrupting a send in progress), then makes one last attempt, bounded by
     * {@code SHUTDOWN_FLUSH}, to send what it had not sent and what is still buffered; whatever Redis does not
     * take then is counted as dropped with reason {@code shutdown}.
     */
    @PreDestroy
    void stop() {
        running = false;
        if (sender == null) {
            return;
        }
        sender.interrupt();
        try {
            sender.join(SEND_TIMEOUT.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            metrics.eventDropped(model, "shutdown", sending + buffer.size());
            return;
        }
        List<Buffered> rest = new ArrayList<>(unsent);
        buffer.drainTo(rest);
        dropExpired(rest);
        for (int from = 0; from < rest.size(); from += config.batchSize()) {
            List<Buffered> part = rest.subList(from, Math.min(rest.size(), from + config.batchSize()));
            int refused;
            try {
                refused = send(part, SHUTDOWN_FLUSH).size();
            } catch (RuntimeException e) {
                metrics.eventDropped(model, "shutdown", rest.size() - from);
                return;
            }
            if (refused > 0) {
                metrics.eventDropped(model, "shutdown", refused);
            }
        }
    }
}
