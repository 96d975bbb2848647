package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.event.StreamEventParser;
import dev.recsys.drift.monitor.stream.PredictionEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One consumer of the drift consumer group: reads prediction events with XREADGROUP, adds them to
 * per-minute sketches and stores those together with the XACK of the events (one MULTI/EXEC), so
 * every event is summarised exactly once across replicas and restarts. Events left pending by a
 * consumer that died are claimed (XAUTOCLAIM) after {@code claimIdle}. Entries that are no
 * prediction event ({@link Poison}) go to the dead-letter stream in the same transaction, so they
 * never block the group. A failed write throws (the runner backs off) and the batch is read again
 * from this consumer's pending entries.
 *
 * <p>The consumer name is unique per instance: its fields in the bucket hashes are written by no one
 * else, so the in-memory copy of its buckets is authoritative and nothing is read back before a write.
 */
public class SketchIngest {

    private static final Logger LOG = Logger.getLogger(SketchIngest.class);

    /** Settings of one consumer. */
    public record Settings(String group, String consumer, int batch, Duration block, Duration claimIdle,
                           long keepMs, Function<String, String> streamKey) {
    }

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final SketchStore store;
    private final Settings settings;
    private final Listener listener;
    private final Map<String, Map<Long, FeatureSketches>> buckets = new HashMap<>();
    private final Set<String> grouped = new HashSet<>();
    private boolean readOwnPending = true;
    private long lastClaim;

    /** Told what was stored and acknowledged. */
    public interface Listener {
        /** {@code events} prediction events of {@code model} were summarised. */
        void consumed(String model, long events);

        /** One entry of {@code model} went to the dead-letter stream. */
        default void deadLettered(String model, String reason) {
        }
    }

    public SketchIngest(RedisDataSource redis, SketchStore store, Settings settings, Listener listener) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.store = store;
        this.settings = settings;
        this.listener = listener;
    }

    public String consumer() {
        return settings.consumer();
    }

    /**
     * One round: own pending events after a failed write, events of dead consumers when due, then
     * new events (waiting up to {@code block}).
     *
     * @return events stored and acknowledged in this round
     */
    public long poll(Set<String> models) {
        Set<String> ready = new LinkedHashSet<>();
        for (String model : models) {
            if (ensureGroup(model)) {
                ready.add(model);
            }
        }
        if (ready.isEmpty()) {
            return 0;
        }
        try {
            return pollReady(ready);
        } catch (RuntimeException e) {
            // e.g. NOGROUP: a stream deleted (and maybe recreated) lost its group; recreate next round
            grouped.clear();
            throw e;
        }
    }

    private long pollReady(Set<String> models) {
        long stored = 0;
        if (readOwnPending) {
            readOwnPending = false;
            for (String model : models) {
                stored += drainOwnPending(model);
            }
        }
        long now = System.currentTimeMillis();
        if (now - lastClaim >= settings.claimIdle().toMillis() / 2) {
            lastClaim = now;
            for (String model : models) {
                stored += claimAbandoned(model);
            }
        }
        Map<String, String> newest = new LinkedHashMap<>();
        models.forEach(model -> newest.put(settings.streamKey().apply(model), ">"));
        XReadGroupArgs args = new XReadGroupArgs().count(settings.batch());
        if (!settings.block().isZero()) {
            args.block(settings.block());
        }
        List<StreamMessage<String, String, String>> messages =
                streams.xreadgroup(settings.group(), settings.consumer(), newest, args);
        Map<String, List<StreamMessage<String, String, String>>> byModel = new HashMap<>();
        for (StreamMessage<String, String, String> message : messages) {
            byModel.computeIfAbsent(modelOf(models, message.key()), m -> new ArrayList<>()).add(message);
        }
        for (Map.Entry<String, List<StreamMessage<String, String, String>>> entry : byModel.entrySet()) {
            stored += ingest(entry.getKey(), entry.getValue());
        }
        return stored;
    }

    private String modelOf(Set<String> models, String key) {
        for (String model : models) {
            if (settings.streamKey().apply(model).equals(key)) {
                return model;
            }
        }
        throw new IllegalStateException("message from unexpected stream " + key);
    }

    /** @return whether the stream has the group (false when the stream is gone) */
    private boolean ensureGroup(String model) {
        if (grouped.contains(model)) {
            return true;
        }
        // start where the largest window begins, so a new group covers windows already open
        String start = Math.max(0, System.currentTimeMillis() - settings.keepMs()) + "-0";
        try {
            streams.xgroupCreate(settings.streamKey().apply(model), settings.group(), start, new XGroupCreateArgs());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                LOG.debugf("No consumer group on %s: %s", model, e.getMessage());
                return false;
            }
        }
        grouped.add(model);
        return true;
    }

    private long drainOwnPending(String model) {
        long stored = 0;
        String key = settings.streamKey().apply(model);
        while (true) {
            List<StreamMessage<String, String, String>> pending = streams.xreadgroup(settings.group(), settings.consumer(),
                    key, "0", new XReadGroupArgs().count(settings.batch()));
            if (pending.isEmpty()) {
                return stored;
            }
            stored += ingest(model, pending);
        }
    }

    private long claimAbandoned(String model) {
        long stored = 0;
        String key = settings.streamKey().apply(model);
        String cursor = "0-0";
        do {
            ClaimedMessages<String, String, String> claimed = streams.xautoclaim(key, settings.group(),
                    settings.consumer(), settings.claimIdle(), cursor, settings.batch());
            if (!claimed.getMessages().isEmpty()) {
                LOG.infof("Claimed %d pending events of %s left by another consumer", claimed.getMessages().size(), model);
                stored += ingest(model, claimed.getMessages());
            }
            cursor = claimed.getId();
        } while (!"0-0".equals(cursor));
        return stored;
    }

    private long ingest(String model, List<StreamMessage<String, String, String>> messages) {
        Map<Long, FeatureSketches> own = buckets.computeIfAbsent(model, m -> new HashMap<>());
        Map<Long, FeatureSketches> touched = new HashMap<>();
        List<SketchStore.DeadLetter> deadLetters = new ArrayList<>();
        String[] ids = new String[messages.size()];
        int i = 0;
        for (StreamMessage<String, String, String> message : messages) {
            ids[i++] = message.id();
            String payload = message.payload().get("event");
            if (Poison.tooLarge(payload)) {
                deadLetters.add(new SketchStore.DeadLetter(message.id(), Poison.TOO_LARGE.id,
                        payload.substring(0, SketchStore.DEAD_LETTER_KEEP_CHARS)));
                continue;
            }
            StreamEvent entry = StreamEventParser.parse(payload);
            Poison poison = Poison.of(entry);
            if (poison != null) {
                deadLetters.add(new SketchStore.DeadLetter(message.id(), poison.id, payload == null ? "" : payload));
                continue;
            }
            PredictionEvent event = PredictionEvent.of(entry);
            long bucket = SketchStore.bucketOf(event.ts());
            FeatureSketches sketches = own.computeIfAbsent(bucket, b -> store.loadOwn(model, b, settings.consumer()));
            sketches.add(event.features());
            touched.put(bucket, sketches);
        }
        boolean applied;
        try {
            applied = store.storeAndAck(model, settings.consumer(), touched, settings.streamKey().apply(model),
                    settings.group(), ids, deadLetters, settings.keepMs());
        } catch (RuntimeException e) {
            // memory now holds events Redis does not: rebuild from Redis and re-read them as pending
            forget(model);
            throw e;
        }
        if (!applied) {
            forget(model);
            throw new IllegalStateException("the transaction storing the sketches of " + model + " was discarded");
        }
        for (SketchStore.DeadLetter letter : deadLetters) {
            LOG.warnf("Prediction event %s of %s moved to %s: %s", letter.id(), model,
                    SketchStore.deadLetterKey(model), letter.reason());
            listener.deadLettered(model, letter.reason());
        }
        evictOld(own);
        listener.consumed(model, messages.size() - deadLetters.size());
        return messages.size();
    }

    private void forget(String model) {
        buckets.remove(model);
        readOwnPending = true;
    }

    private void evictOld(Map<Long, FeatureSketches> own) {
        long oldest = System.currentTimeMillis() - settings.keepMs() - SketchStore.BUCKET_MS;
        own.keySet().removeIf(bucket -> bucket < oldest);
    }
}
