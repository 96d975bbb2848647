package dev.recsys.gateway.served.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.feedback.repository.FeedbackRepository.Matched;
import dev.recsys.gateway.feedback.service.UnmatchedFeedback;
import dev.recsys.gateway.served.ServedList;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Follows every prediction stream through the gateway's own consumer group and stores the served
 * lists, a batch per transaction (with the feedback that waited for them), which runs while the next
 * batch is read. Entries are acknowledged
 * only after their batch is committed; after a failure the consumer first re-reads its own pending
 * entries, and every {@code gateway.streams.claim-interval} it claims entries another consumer (a
 * replica that died) left pending longer than {@code gateway.streams.claim-min-idle}, and then removes consumers
 * idle longer than {@code gateway.streams.dead-consumer-idle} with nothing pending. An entry that
 * cannot be stored goes to the dead-letter stream (DeadLetters) and is acknowledged: it never blocks
 * the group. Storing is idempotent (a list is stored once per requestId), so an entry read twice, by
 * a claim or a retry, is stored once.
 */
@ApplicationScoped
public class PredictionEventConsumer {

    private static final Logger LOG = Logger.getLogger(PredictionEventConsumer.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    /** KEYS[1] a stream; ARGV: the group, this consumer, the idle milliseconds. Returns the removed names. */
    private static final String REMOVE_DEAD_CONSUMERS = """
            local removed = {}
            for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
                local info = {}
                for i = 1, #consumer, 2 do
                    info[consumer[i]] = consumer[i + 1]
                end
                if info['name'] ~= ARGV[2] and info['pending'] == 0 and info['idle'] > tonumber(ARGV[3]) then
                    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
                    removed[#removed + 1] = info['name']
                end
            end
            return removed
            """;

    /** A readable entry and its list. */
    private record Parsed(StreamMessage<String, String, String> entry, ServedList list) {
    }

    /** A batch whose transaction runs while the next batch is read and parsed. */
    private record InFlight(List<Parsed> parsed, CompletableFuture<List<Matched>> commit) {
    }

    private final PredictionStreams streams;
    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> commands;
    private final PredictionEvents events;
    private final DeadLetters deadLetters;
    private final ServedListRepository repository;
    private final UnmatchedFeedback unmatched;
    private final Pool pool;
    private final GatewayConfig.Streams config;
    private final Counter stored;
    private final Set<String> followed = new LinkedHashSet<>();
    private ExecutorService loop;
    private volatile boolean running;
    private boolean readPendingFirst = true;
    private Instant nextDiscovery = Instant.EPOCH;
    private Instant nextClaim = Instant.EPOCH;
    private InFlight inFlight;

    public PredictionEventConsumer(PredictionStreams streams, RedisDataSource redis, PredictionEvents events,
            DeadLetters deadLetters, ServedListRepository repository, UnmatchedFeedback unmatched, Pool pool,
            GatewayConfig config, MeterRegistry registry) {
        this.streams = streams;
        this.redis = redis;
        this.commands = redis.stream(String.class);
        this.events = events;
        this.deadLetters = deadLetters;
        this.repository = repository;
        this.unmatched = unmatched;
        this.pool = pool;
        this.config = config.streams();
        this.stored = Counter.builder("gateway.served.lists.stored")
                .description("Served lists read from the prediction streams").register(registry);
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
                claimIdle();
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
                // a batch still in flight is read again with the pending entries (storing is idempotent)
                inFlight = null;
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

    /** Takes over entries that other consumers of the group (replicas that died) left idle. */
    private void claimIdle() {
        if (Instant.now().isBefore(nextClaim)) {
            return;
        }
        nextClaim = Instant.now().plus(config.claimInterval());
        for (String key : followed) {
            String start = "0-0";
            do {
                ClaimedMessages<String, String, String> claimed = commands.xautoclaim(key, config.group(),
                        config.consumer(), config.claimMinIdle(), start, config.batchSize());
                if (!claimed.getMessages().isEmpty()) {
                    LOG.infof("claimed %d entries of %s left idle by another consumer",
                            claimed.getMessages().size(), key);
                    store(claimed.getMessages());
                }
                start = claimed.getId();
            } while (running && !"0-0".equals(start));
            removeDeadConsumers(key);
        }
    }

    /**
     * Removes the group's consumers idle longer than {@code gateway.streams.dead-consumer-idle} that have no pending
     * entries, in one script: checked and removed atomically, so no entry delivered in between is dropped with them.
     */
    private void removeDeadConsumers(String key) {
        Response removed = redis.execute("EVAL", REMOVE_DEAD_CONSUMERS, "1", key, config.group(), config.consumer(),
                Long.toString(config.deadConsumerIdle().toMillis()));
        for (Response name : removed) {
            LOG.infof("removed consumer %s from %s/%s: idle for over %s with no pending entries", name, key,
                    config.group(), config.deadConsumerIdle());
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
            finishInFlight();
            readPendingFirst = false;
            return;
        }
        store(entries);
    }

    /**
     * Dead-letters what cannot be a served list, then starts the transaction that stores the rest, which
     * runs while the next batch is read; the batch before is finished (acknowledged) first.
     */
    private void store(List<StreamMessage<String, String, String>> entries) {
        List<Parsed> parsed = new ArrayList<>(entries.size());
        List<StreamMessage<String, String, String>> rejected = new ArrayList<>();
        for (StreamMessage<String, String, String> entry : entries) {
            try {
                String event = entry.payload() == null ? null : entry.payload().get(PredictionEvents.FIELD);
                parsed.add(new Parsed(entry, events.parse(event)));
            } catch (IllegalArgumentException e) {
                deadLetters.add(entry, e.getMessage());
                rejected.add(entry);
            }
        }
        // acknowledged at once: a retry of the batch must not dead-letter them again
        acknowledge(rejected);
        finishInFlight();
        if (!parsed.isEmpty()) {
            inFlight = new InFlight(parsed, startCommit(parsed));
        }
    }

    /** Waits for the batch in flight, stores it list by list if PostgreSQL refused its data, acknowledges it. */
    private void finishInFlight() {
        if (inFlight == null) {
            return;
        }
        InFlight batch = inFlight;
        inFlight = null;
        try {
            committed(batch.parsed(), await(batch.commit()));
        } catch (PgException e) {
            if (!isDataError(e)) {
                throw e;
            }
            // something the parser let through was refused: find it by storing the lists one by one
            for (Parsed one : batch.parsed()) {
                try {
                    committed(List.of(one), await(startCommit(List.of(one))));
                } catch (PgException refused) {
                    if (!isDataError(refused)) {
                        throw refused;
                    }
                    deadLetters.add(one.entry(), "refused by PostgreSQL: " + refused.getErrorMessage());
                }
            }
        }
        acknowledge(batch.parsed().stream().map(Parsed::entry).toList());
    }

    private CompletableFuture<List<Matched>> startCommit(List<Parsed> parsed) {
        List<ServedList> lists = parsed.stream().map(Parsed::list).toList();
        String[] requestIds = lists.stream().map(ServedList::requestId).toArray(String[]::new);
        return pool.withTransaction(tx -> repository.insertAll(tx, lists).chain(() -> unmatched.match(tx, requestIds)))
                .subscribeAsCompletionStage();
    }

    private void committed(List<Parsed> parsed, List<Matched> matched) {
        stored.increment(parsed.size());
        unmatched.recordMatched(matched);
    }

    private static <T> T await(CompletableFuture<T> commit) {
        try {
            return commit.get(DB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            commit.cancel(true);
            throw new IllegalStateException("PostgreSQL did not commit a batch within " + DB_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a batch");
        }
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): retrying cannot help. */
    private static boolean isDataError(PgException e) {
        String state = e.getSqlState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void acknowledge(List<StreamMessage<String, String, String>> entries) {
        Map<String, List<String>> idsByStream = new LinkedHashMap<>();
        entries.forEach(entry -> idsByStream.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry.id()));
        idsByStream.forEach((key, ids) -> commands.xack(key, config.group(), ids.toArray(String[]::new)));
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
