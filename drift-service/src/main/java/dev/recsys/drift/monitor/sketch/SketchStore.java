package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.monitor.config.MonitorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.transactions.OptimisticLockingTransactionResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-minute sketch buckets in Redis: hash {@code drift:sketch:{model}:{bucketStartMs}}, fields
 * {@code feed|n|…} written by the model-lock owner's {@link SketchFeed} in the same MULTI/EXEC as
 * the watermark {@code drift:sketch-mark:{model}} (the last stream id folded) and the dead letters,
 * so an event is in the buckets exactly when the watermark has passed it. Fields of other writers
 * (the consumer group of earlier versions) are not read.
 */
@ApplicationScoped
public class SketchStore {

    public static final long BUCKET_MS = 60_000;

    private final RedisDataSource redis;
    private final HashCommands<String, String, byte[]> hashes;
    private final HashCommands<String, String, String> marks;
    private final MonitorConfig config;

    public SketchStore(RedisDataSource redis, MonitorConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, byte[].class);
        this.marks = redis.hash(String.class);
        this.config = config;
    }

    /** Entries kept per model in the dead-letter stream (approximate trim, MAXLEN ~). */
    static final long DEAD_LETTER_MAXLEN = 10_000;
    /** Characters of an oversized event kept for inspection. */
    static final int DEAD_LETTER_KEEP_CHARS = 4096;

    /** An entry moved to the dead-letter stream: its stream id, why, and its {@code event} field. */
    public record DeadLetter(String id, String reason, String event) {
    }

    /** The dead-letter stream of a model's prediction entries the drift monitor could not summarise. */
    public static String deadLetterKey(String model) {
        return "ml:deadletter:drift:" + model;
    }

    public static long bucketOf(long ts) {
        return Math.floorDiv(ts, BUCKET_MS) * BUCKET_MS;
    }

    static String key(String model, long bucket) {
        return "drift:sketch:" + model + ":" + bucket;
    }

    /** Event counts of a bucket, apart from the sketches so sizing a window reads little. */
    static String countKey(String model, long bucket) {
        return "drift:sketch-n:" + model + ":" + bucket;
    }

    /** A fresh, empty summary with the configured accuracy. */
    public FeatureSketches empty() {
        return new FeatureSketches(config.sketch().kllK(), config.sketch().itemsMapSize());
    }

    /** What {@code writer} has stored for one bucket. */
    FeatureSketches loadOwn(String model, long bucket, String writer) {
        return fields(model, bucket, writer);
    }

    /** The sketches of the buckets starting in {@code [start, end)}, merged. */
    public FeatureSketches window(String model, long start, long end) {
        FeatureSketches merged = empty();
        for (long bucket = bucketOf(start); bucket < end; bucket += BUCKET_MS) {
            merged.merge(fields(model, bucket, SketchFeed.WRITER));
        }
        return merged;
    }

    private FeatureSketches fields(String model, long bucket, String writer) {
        FeatureSketches own = empty();
        String prefix = writer + "|";
        Map<String, byte[]> mine = new HashMap<>();
        hashes.hgetall(key(model, bucket)).forEach((field, bytes) -> {
            if (field.startsWith(prefix)) {
                mine.put(field.substring(prefix.length()), bytes);
            }
        });
        own.mergeFields(mine);
        return own;
    }

    /** Events summarised in the buckets starting in {@code [start, end)}. */
    public long events(String model, long start, long end) {
        long events = 0;
        for (long bucket = bucketOf(start); bucket < end; bucket += BUCKET_MS) {
            byte[] count = hashes.hget(countKey(model, bucket), SketchFeed.WRITER);
            if (count != null) {
                events += Long.parseLong(new String(count));
            }
        }
        return events;
    }

    /** The watermark of a model's sketches: the last stream id folded, and {@code added}, XINFO's entries-added when it was the stream's end (-1: unknown). */
    public record Mark(String id, long added) {
    }

    static String markKey(String model) {
        return "drift:sketch-mark:" + model;
    }

    /** The stored watermark, or {@code null} before the model was first sketched. */
    public Mark mark(String model) {
        Map<String, String> fields = marks.hgetall(markKey(model));
        String id = fields.get("id");
        if (id == null) {
            return null;
        }
        String added = fields.get("added");
        return new Mark(id, added == null ? -1 : Long.parseLong(added));
    }

    /** The watermark's entries-added, or -1. */
    public long markAdded(String model) {
        String added = marks.hget(markKey(model), "added");
        return added == null ? -1 : Long.parseLong(added);
    }

    /**
     * Stores {@code writer}'s full summaries of the given buckets, moves the dead letters to the
     * model's dead-letter stream and sets the watermark to {@code mark}, atomically and only while the
     * stored watermark is still {@code expected} (WATCH); a bucket expires {@code keepMs} after it
     * ends, the watermark two {@code keepMs} after its last write.
     *
     * @param added XINFO's entries-added when {@code mark} was the stream's end, or -1 to keep the stored one
     * @return whether the transaction was applied
     */
    public boolean storeFeed(String model, String writer, String expected, String mark, long added,
                             Map<Long, FeatureSketches> buckets, List<DeadLetter> deadLetters, long keepMs) {
        String markKey = markKey(model);
        OptimisticLockingTransactionResult<Boolean> result = redis.withTransaction(
                ds -> Objects.equals(expected, ds.hash(String.class).hget(markKey, "id")),
                (unchanged, tx) -> {
                    if (!unchanged) {
                        tx.discard();
                        return;
                    }
                    var txHashes = tx.hash(String.class, String.class, byte[].class);
                    buckets.forEach((bucket, sketches) -> {
                        Map<String, byte[]> fields = new HashMap<>();
                        sketches.toFields().forEach((field, bytes) -> fields.put(writer + "|" + field, bytes));
                        String key = key(model, bucket);
                        txHashes.hset(key, fields);
                        txHashes.hset(countKey(model, bucket), writer, Long.toString(sketches.events()).getBytes());
                        tx.key().pexpireat(key, bucket + BUCKET_MS + keepMs);
                        tx.key().pexpireat(countKey(model, bucket), bucket + BUCKET_MS + keepMs);
                    });
                    var txStreams = tx.stream(String.class);
                    for (DeadLetter letter : deadLetters) {
                        txStreams.xadd(deadLetterKey(model), new XAddArgs().maxlen(DEAD_LETTER_MAXLEN).nearlyExactTrimming(),
                                Map.of("id", letter.id(), "reason", letter.reason(), "event", letter.event()));
                    }
                    Map<String, String> fields = new HashMap<>();
                    fields.put("id", mark);
                    if (added >= 0) {
                        fields.put("added", Long.toString(added));
                    }
                    tx.hash(String.class).hset(markKey, fields);
                    tx.key().pexpire(markKey, 2 * keepMs);
                }, markKey);
        return !result.discarded();
    }
}
