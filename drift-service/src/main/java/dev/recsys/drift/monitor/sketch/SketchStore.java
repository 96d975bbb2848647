package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.monitor.config.MonitorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.transactions.TransactionResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-minute sketch buckets in Redis: hash {@code drift:sketch:{model}:{bucketStartMs}}, field
 * {@code {consumer}|n|…} per consumer. Each consumer writes only its own fields, and writes them in
 * the same MULTI/EXEC as the XACK of the events they summarise, so an event is in the buckets
 * exactly when it is acknowledged: a crash before EXEC leaves it pending for another consumer.
 */
@ApplicationScoped
public class SketchStore {

    public static final long BUCKET_MS = 60_000;

    private final RedisDataSource redis;
    private final HashCommands<String, String, byte[]> hashes;
    private final MonitorConfig config;

    public SketchStore(RedisDataSource redis, MonitorConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, byte[].class);
        this.config = config;
    }

    /** Entries kept per model in the dead-letter stream (approximate trim, MAXLEN ~). */
    static final long DEAD_LETTER_MAXLEN = 10_000;
    /** Characters of an oversized event kept for inspection. */
    static final int DEAD_LETTER_KEEP_CHARS = 4096;

    /** An entry moved to the dead-letter stream: its stream id, why, and its {@code event} field. */
    public record DeadLetter(String id, String reason, String event) {
    }

    /** The dead-letter stream of a model's prediction entries the drift consumer could not summarise. */
    public static String deadLetterKey(String model) {
        return "ml:deadletter:drift:" + model;
    }

    public static long bucketOf(long ts) {
        return Math.floorDiv(ts, BUCKET_MS) * BUCKET_MS;
    }

    static String key(String model, long bucket) {
        return "drift:sketch:" + model + ":" + bucket;
    }

    /** Event counts per consumer of a bucket, apart from the sketches so sizing a window reads little. */
    static String countKey(String model, long bucket) {
        return "drift:sketch-n:" + model + ":" + bucket;
    }

    /** A fresh, empty summary with the configured accuracy. */
    public FeatureSketches empty() {
        return new FeatureSketches(config.sketch().kllK(), config.sketch().itemsMapSize());
    }

    /** What {@code consumer} has stored for one bucket (its own fields only). */
    public FeatureSketches loadOwn(String model, long bucket, String consumer) {
        FeatureSketches own = empty();
        String prefix = consumer + "|";
        Map<String, byte[]> mine = new HashMap<>();
        hashes.hgetall(key(model, bucket)).forEach((field, bytes) -> {
            if (field.startsWith(prefix)) {
                mine.put(field.substring(prefix.length()), bytes);
            }
        });
        own.mergeFields(mine);
        return own;
    }

    /** Every consumer's summaries of the buckets starting in {@code [start, end)}, merged. */
    public FeatureSketches window(String model, long start, long end) {
        FeatureSketches merged = empty();
        for (long bucket = bucketOf(start); bucket < end; bucket += BUCKET_MS) {
            Map<String, Map<String, byte[]>> byConsumer = new HashMap<>();
            hashes.hgetall(key(model, bucket)).forEach((field, bytes) -> {
                int bar = field.indexOf('|');
                if (bar > 0) {
                    byConsumer.computeIfAbsent(field.substring(0, bar), c -> new HashMap<>())
                            .put(field.substring(bar + 1), bytes);
                }
            });
            byConsumer.values().forEach(merged::mergeFields);
        }
        return merged;
    }

    /** Events summarised in the buckets starting in {@code [start, end)}, all consumers together. */
    public long events(String model, long start, long end) {
        long events = 0;
        for (long bucket = bucketOf(start); bucket < end; bucket += BUCKET_MS) {
            for (byte[] count : hashes.hvals(countKey(model, bucket))) {
                events += Long.parseLong(new String(count));
            }
        }
        return events;
    }

    /**
     * Stores {@code consumer}'s full summaries of the given buckets, moves the dead letters to the
     * model's dead-letter stream and acknowledges {@code ids} on {@code streamKey}, atomically; a
     * bucket expires {@code keepMs} after it ends.
     *
     * @return whether the transaction was applied
     */
    public boolean storeAndAck(String model, String consumer, Map<Long, FeatureSketches> buckets, String streamKey,
                               String group, String[] ids, List<DeadLetter> deadLetters, long keepMs) {
        TransactionResult result = redis.withTransaction(tx -> {
            var txHashes = tx.hash(String.class, String.class, byte[].class);
            buckets.forEach((bucket, sketches) -> {
                Map<String, byte[]> fields = new HashMap<>();
                sketches.toFields().forEach((field, bytes) -> fields.put(consumer + "|" + field, bytes));
                String key = key(model, bucket);
                txHashes.hset(key, fields);
                txHashes.hset(countKey(model, bucket), consumer, Long.toString(sketches.events()).getBytes());
                tx.key().pexpireat(key, bucket + BUCKET_MS + keepMs);
                tx.key().pexpireat(countKey(model, bucket), bucket + BUCKET_MS + keepMs);
            });
            var txStreams = tx.stream(String.class);
            for (DeadLetter letter : deadLetters) {
                txStreams.xadd(deadLetterKey(model), new XAddArgs().maxlen(DEAD_LETTER_MAXLEN).nearlyExactTrimming(),
                        Map.of("id", letter.id(), "reason", letter.reason(), "event", letter.event()));
            }
            if (ids.length > 0) {
                txStreams.xack(streamKey, group, ids);
            }
        });
        return !result.discarded();
    }
}
