package dev.recsys.drift.monitor.sketch;

import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.monitor.config.ModelWindow;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.service.DriftMetrics;
import dev.recsys.drift.monitor.stream.PredictionEvent;
import dev.recsys.drift.monitor.stream.StreamIds;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds the per-minute sketches from the events the model-lock owner's window ingest has already
 * read and parsed, so each event is read and parsed once per instance. A {@link Round} folds the
 * entries after the watermark (the last stream id sketched, {@code drift:sketch-mark:{model}}) and
 * stores the touched buckets, the dead letters and the new watermark in one MULTI/EXEC that WATCHes
 * the watermark: a replica that took the model over meanwhile (an expired lock) has moved it, so the
 * stale round is discarded and every event is sketched exactly once. A replica taking over goes on
 * from the stored watermark.
 *
 * <p>The buckets are written by one writer at a time, so this instance's copy is the whole bucket
 * while the stored watermark is the one it wrote last; otherwise a bucket is loaded before it is
 * added to.
 */
@ApplicationScoped
public class SketchFeed {

    private static final Logger LOG = Logger.getLogger(SketchFeed.class);
    /** The field prefix of the sketches in the bucket hashes. */
    static final String WRITER = "feed";

    private final RedisDataSource redis;
    private final SketchStore store;
    private final MonitorConfig config;
    private final DriftMetrics metrics;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    public SketchFeed(RedisDataSource redis, SketchStore store, MonitorConfig config, DriftMetrics metrics) {
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
    }

    /** What this instance stored last for a model: the watermark and the buckets as written. */
    private record Written(String mark, Map<Long, FeatureSketches> buckets) {
    }

    /** Buckets are kept as long as the largest configured window needs them. */
    public long keepMs() {
        long maxWindow = config.window().size().toMillis();
        for (String model : config.models().keySet()) {
            maxWindow = Math.max(maxWindow, ModelWindow.of(config, model).size().toMillis());
        }
        return maxWindow + config.sketch().retentionMargin().toMillis();
    }

    /**
     * Starts folding the model's new entries: from the stored watermark, or for a model never
     * sketched (or whose stream was recreated) from where the largest window begins.
     */
    public Round begin(String model, String streamKey) {
        SketchStore.Mark stored = store.mark(model);
        StreamPosition stream = StreamPosition.of(redis, streamKey);
        String mark = stored == null ? null : stored.id();
        if (mark != null && stream != null && StreamIds.compare(mark, stream.lastId()) > 0) {
            mark = null; // the stream was recreated below the watermark
        }
        String start = mark != null ? mark : StreamIds.before(System.currentTimeMillis() - keepMs());
        Written last = written.get(model);
        Map<Long, FeatureSketches> buckets = last != null && stored != null && last.mark().equals(stored.id())
                ? last.buckets() : new HashMap<>();
        return new Round(model, stored, start, stream, buckets);
    }

    /** Forgets the model's buckets (another replica evaluates it now; they would be reloaded anyway). */
    public void forget(String model) {
        written.remove(model);
    }

    /** One model's fold of new entries, committed at the end. Used by one thread, under the model's window lock. */
    public final class Round {
        private final String model;
        private final String expected;
        private final long expectedAdded;
        private final StreamPosition stream;
        private final Map<Long, FeatureSketches> buckets;
        private final Map<Long, FeatureSketches> touched = new HashMap<>();
        private final List<SketchStore.DeadLetter> deadLetters = new ArrayList<>();
        private String mark;
        /** {@link #mark} parsed, compared with every entry read. */
        private long markMillis;
        private long markSequence;
        private long consumed;

        private Round(String model, SketchStore.Mark stored, String mark, StreamPosition stream,
                      Map<Long, FeatureSketches> buckets) {
            this.model = model;
            this.expected = stored == null ? null : stored.id();
            this.expectedAdded = stored == null ? -1 : stored.added();
            this.mark = mark;
            this.markMillis = StreamIds.millis(mark);
            this.markSequence = StreamIds.sequence(mark);
            this.stream = stream;
            this.buckets = buckets;
        }

        /** The last stream id sketched (entries up to it are in the sketches or dead-lettered). */
        public String mark() {
            return mark;
        }

        /** Folds one entry read in stream order ({@code entry} as parsed, {@code raw} its {@code event} bytes); entries up to the watermark are skipped. */
        public void fold(String id, StreamEvent entry, byte[] raw) {
            long millis = StreamIds.millis(id);
            int order = Long.compareUnsigned(millis, markMillis);
            if (order < 0 || order == 0 && Long.compareUnsigned(StreamIds.sequence(id), markSequence) <= 0) {
                return;
            }
            mark = id;
            markMillis = millis;
            markSequence = StreamIds.sequence(id);
            Poison poison = raw != null && raw.length > Poison.MAX_EVENT_CHARS ? Poison.TOO_LARGE : Poison.of(entry);
            if (poison != null) {
                String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
                if (poison == Poison.TOO_LARGE) {
                    text = text.substring(0, Math.min(text.length(), SketchStore.DEAD_LETTER_KEEP_CHARS));
                }
                deadLetters.add(new SketchStore.DeadLetter(id, poison.id, text));
                return;
            }
            PredictionEvent event = PredictionEvent.of(entry);
            long bucket = SketchStore.bucketOf(event.ts());
            FeatureSketches sketches = buckets.computeIfAbsent(bucket, b -> store.loadOwn(model, b, WRITER));
            sketches.add(event.features());
            touched.put(bucket, sketches);
            consumed++;
        }

        /**
         * Stores what was folded with the new watermark, unless another replica moved the watermark
         * since {@link #begin}; the counters move only for what was stored.
         */
        public void commit() {
            if (stream == null && consumed == 0 && deadLetters.isEmpty()) {
                return; // no stream: nothing to mark
            }
            long caughtUp = stream != null && StreamIds.compare(mark, stream.lastId()) >= 0 ? stream.entriesAdded() : -1;
            boolean moved = !mark.equals(expected);
            if (!moved && (caughtUp < 0 || expectedAdded == caughtUp)) {
                return;
            }
            boolean applied;
            try {
                applied = store.storeFeed(model, WRITER, expected, mark, caughtUp, touched, deadLetters, keepMs());
            } catch (RuntimeException e) {
                written.remove(model);
                throw e;
            }
            if (!applied) {
                written.remove(model);
                LOG.infof("Sketches of %s were moved on by another replica meanwhile: this round's are not stored", model);
                return;
            }
            long oldest = System.currentTimeMillis() - keepMs() - SketchStore.BUCKET_MS;
            buckets.keySet().removeIf(bucket -> bucket < oldest);
            written.put(model, new Written(mark, buckets));
            for (SketchStore.DeadLetter letter : deadLetters) {
                LOG.warnf("Prediction event %s of %s moved to %s: %s", letter.id(), model,
                        SketchStore.deadLetterKey(model), letter.reason());
                metrics.deadLettered(model, letter.reason());
            }
            metrics.consumed(model, consumed);
        }
    }

    /**
     * Stream entries not yet sketched: those added since the sketches last reached the stream's end
     * (an upper bound while entries arrive during a round); the whole stream before the first round.
     */
    public long lag(String model, String streamKey) {
        StreamPosition stream = StreamPosition.of(redis, streamKey);
        if (stream == null) {
            return 0;
        }
        long added = store.markAdded(model);
        return added < 0 || added > stream.entriesAdded() ? stream.length() : stream.entriesAdded() - added;
    }

    /** XINFO STREAM: the last id generated, entries ever added and held; {@code null} without a stream. */
    record StreamPosition(String lastId, long entriesAdded, long length) {
        static StreamPosition of(RedisDataSource redis, String key) {
            Response info;
            try {
                info = redis.execute("XINFO", "STREAM", key);
            } catch (RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().contains("no such key")) {
                    return null;
                }
                throw e;
            }
            return new StreamPosition(info.get("last-generated-id").toString(), info.get("entries-added").toLong(),
                    info.get("length").toLong());
        }
    }
}
