package dev.recsys.gateway.served.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.served.ServedList;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Follows every prediction stream through the gateway's own consumer group and stores the served
 * lists. Entries are acknowledged only after their lists are committed; after a failure the
 * consumer first re-reads its own pending entries.
 */
@ApplicationScoped
public class PredictionEventConsumer {

    private static final Logger LOG = Logger.getLogger(PredictionEventConsumer.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final PredictionStreams streams;
    private final StreamCommands<String, String, String> commands;
    private final PredictionEvents events;
    private final ServedListRepository repository;
    private final GatewayConfig.Streams config;
    private final Counter stored;
    private final Counter invalid;
    private final Set<String> followed = new LinkedHashSet<>();
    private ExecutorService loop;
    private volatile boolean running;
    private boolean readPendingFirst = true;
    private Instant nextDiscovery = Instant.EPOCH;

    public PredictionEventConsumer(PredictionStreams streams, RedisDataSource redis, PredictionEvents events,
            ServedListRepository repository, GatewayConfig config, MeterRegistry registry) {
        this.streams = streams;
        this.commands = redis.stream(String.class);
        this.events = events;
        this.repository = repository;
        this.config = config.streams();
        this.stored = Counter.builder("gateway.served.lists.stored")
                .description("Served lists read from the prediction streams").register(registry);
        this.invalid = Counter.builder("gateway.prediction.events.invalid")
                .description("Prediction events that could not be read as a served list").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.consumerEnabled()) {
            LOG.info("prediction stream consumer disabled (gateway.streams.consumer-enabled=false)");
            return;
        }
        running = true;
        loop = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "prediction-event-consumer"));
        loop.submit(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.shutdown();
            loop.awaitTermination(config.block().toMillis() + 5000, TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                discoverStreams();
                if (followed.isEmpty()) {
                    sleep(config.block());
                    continue;
                }
                consumeOnce();
                backoff = Duration.ofMillis(500);
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    // a stream was deleted and created again: its group has to be created again too
                    followed.clear();
                    nextDiscovery = Instant.EPOCH;
                }
                LOG.warnf("prediction stream consumer: %s; retrying in %d ms", e.getMessage(), backoff.toMillis());
                readPendingFirst = true;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    private void discoverStreams() {
        if (Instant.now().isBefore(nextDiscovery)) {
            return;
        }
        nextDiscovery = Instant.now().plus(config.discoveryInterval());
        for (String key : streams.discover()) {
            if (followed.contains(key)) {
                continue;
            }
            try {
                // "0": a newly followed stream is read from its oldest retained entry, so lists
                // served before the gateway (re)started are still learnt
                commands.xgroupCreate(key, config.group(), "0");
            } catch (Exception e) {
                if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                    throw e;
                }
            }
            followed.add(key);
            LOG.infof("following prediction stream %s as %s/%s", key, config.group(), config.consumer());
        }
    }

    private void consumeOnce() {
        Map<String, String> positions = new LinkedHashMap<>();
        // "0" re-reads this consumer's delivered-but-unacknowledged entries, ">" reads new ones
        followed.forEach(key -> positions.put(key, readPendingFirst ? "0" : ">"));
        XReadGroupArgs args = new XReadGroupArgs().count(config.batchSize());
        if (!readPendingFirst) {
            args.block(config.block());
        }
        List<StreamMessage<String, String, String>> entries =
                commands.xreadgroup(config.group(), config.consumer(), positions, args);
        if (entries.isEmpty()) {
            readPendingFirst = false;
            return;
        }
        List<ServedList> lists = new ArrayList<>(entries.size());
        Map<String, List<String>> idsByStream = new HashMap<>();
        for (StreamMessage<String, String, String> entry : entries) {
            idsByStream.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry.id());
            try {
                lists.add(events.parse(entry.payload().get(PredictionEvents.FIELD)));
            } catch (IllegalArgumentException e) {
                invalid.increment();
                LOG.warnf("skipping prediction event %s %s: %s", entry.key(), entry.id(), e.getMessage());
            }
        }
        repository.insertAll(lists).await().atMost(DB_TIMEOUT);
        idsByStream.forEach((key, ids) -> commands.xack(key, config.group(), ids.toArray(String[]::new)));
        stored.increment(lists.size());
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
