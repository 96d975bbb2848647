package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.event.StreamEventParser;
import dev.recsys.drift.monitor.config.MonitorConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Read access to the prediction streams {@code ml:predictions:{model}}. Stream ids are XADD times
 * while windows are in event time ({@code ts}), so ranges are widened by a margin and filtered by
 * {@code ts}. Entries are read as raw bytes and parsed once ({@link StreamEventParser}) for drift
 * and data quality alike. Never trims a stream.
 */
@ApplicationScoped
public class PredictionStreams {

    /** Events fetched per XRANGE page. */
    static final int PAGE = 10_000;

    private static final String XRANGE = "XRANGE";
    private static final String XREVRANGE = "XREVRANGE";
    private static final byte[] EVENT_FIELD = "event".getBytes(StandardCharsets.US_ASCII);

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final MonitorConfig config;
    private final Duration replyTimeout;

    /** {@code replyTimeout}: how long a page may take, as long as a blocking Redis command may. */
    public PredictionStreams(RedisDataSource redis, MonitorConfig config,
                             @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "10s") Duration replyTimeout) {
        this.redis = redis;
        this.reactive = redis.getReactive();
        this.config = config;
        this.replyTimeout = replyTimeout;
    }

    public String key(String model) {
        return config.streamPrefix() + model;
    }

    /** Models with a prediction stream, by SCAN ... TYPE stream. */
    public Set<String> models() {
        Set<String> models = new TreeSet<>();
        KeyScanArgs args = new KeyScanArgs().match(config.streamPrefix() + "*").type(RedisValueType.STREAM).count(1000);
        for (String key : redis.key().scan(args).toIterable()) {
            models.add(key.substring(config.streamPrefix().length()));
        }
        return models;
    }

    public boolean exists(String model) {
        return redis.key().type(key(model)) == RedisValueType.STREAM;
    }

    /** The newest {@code count} events with {@code ts < end} (count-based windows). */
    public WindowEvents readLast(String model, int count, long end) {
        WindowEvents window = new WindowEvents(config.sampleTraces());
        if (count > 0) {
            scan(XREVRANGE, key(model), Long.toString(end + config.streamIdMargin().toMillis()), "-", PAGE, true,
                    (id, entry, raw) -> !offer(window, Long.MIN_VALUE, end, id, entry) || window.count() < count);
        }
        return window;
    }

    /** The newest events of a window, for its version and sample traces when it is evaluated from sketches. */
    public WindowEvents readNewest(String model, long start, long end, int count) {
        long margin = config.streamIdMargin().toMillis();
        WindowEvents newest = new WindowEvents(config.sampleTraces());
        scan(XREVRANGE, key(model), Long.toString(end + margin), Long.toString(Math.max(0, start - margin)), count, false,
                (id, entry, raw) -> {
                    offer(newest, start, end, id, entry);
                    return true;
                });
        return newest;
    }

    /**
     * Gives the events with {@code start <= ts < end} to {@code sink}, in stream order; stops and
     * answers {@code false} at the first one beyond {@code cap} (a production baseline's range).
     */
    public boolean readRange(String model, long start, long end, int cap, Consumer<PredictionEvent> sink) {
        long margin = config.streamIdMargin().toMillis();
        int[] taken = {0};
        scan(XRANGE, key(model), Long.toString(Math.max(0, start - margin)), Long.toString(end + margin), PAGE, true,
                (id, entry, raw) -> {
                    PredictionEvent event = PredictionEvent.of(entry);
                    if (event == null || event.ts() < start || event.ts() >= end) {
                        return true;
                    }
                    if (++taken[0] > cap) {
                        return false;
                    }
                    sink.accept(event);
                    return true;
                });
        return taken[0] <= cap;
    }

    /**
     * Sees one stream entry: its id, XADD time, event as parsed ({@code null}: not readable JSON) and
     * the raw bytes of its {@code event} field ({@code null}: none); says whether to read on.
     */
    public interface EntrySink {
        boolean accept(String id, long idTime, StreamEvent entry, byte[] raw);
    }

    /** Gives every entry from XADD time {@code fromMillis} on to {@code sink}, in stream order (one ranged read, pipelined pages). */
    public void readFrom(String model, long fromMillis, EntrySink sink) {
        scan(XRANGE, key(model), Long.toString(Math.max(0, fromMillis)), "+", PAGE, true,
                (id, entry, raw) -> sink.accept(id, idTime(id), entry, raw));
    }

    /**
     * Gives the entries after id {@code afterId} up to {@code last} (an XRANGE end: an id, {@code (id}
     * or {@code +}) to {@code sink}, in stream order.
     */
    public void readBetween(String model, String afterId, String last, EntrySink sink) {
        scan(XRANGE, key(model), "(" + afterId, last, PAGE, true, (id, entry, raw) -> sink.accept(id, idTime(id), entry, raw));
    }

    /**
     * Gives the entries after {@code lastId} to {@code sink}; answers {@code false}, giving nothing,
     * when the stream no longer holds {@code lastId} (deleted, recreated or trimmed since).
     */
    public boolean readAfter(String model, String lastId, EntrySink sink) {
        boolean[] continues = {false};
        scan(XRANGE, key(model), lastId, "+", PAGE, true, (id, entry, raw) -> {
            if (!continues[0]) {
                continues[0] = id.equals(lastId);
                return continues[0];
            }
            return sink.accept(id, idTime(id), entry, raw);
        });
        return continues[0];
    }

    /**
     * The time of the oldest entry the stream still holds (its event time, else its XADD time):
     * anything older was trimmed or never published. Empty when there is no entry.
     */
    public OptionalLong oldestEventTime(String model) {
        long[] oldest = {-1};
        scan(XRANGE, key(model), "-", "+", 1, false, (id, entry, raw) -> {
            PredictionEvent event = PredictionEvent.of(entry);
            oldest[0] = event != null ? event.ts() : idTime(id);
            return false;
        });
        return oldest[0] < 0 ? OptionalLong.empty() : OptionalLong.of(oldest[0]);
    }

    /** The newest event of the stream, if any parses. */
    private Optional<PredictionEvent> newest(String model) {
        List<StreamEvent> last = new ArrayList<>(1);
        scan(XREVRANGE, key(model), "+", "-", 1, false, (id, entry, raw) -> last.add(entry));
        return last.isEmpty() ? Optional.empty() : Optional.ofNullable(PredictionEvent.of(last.get(0)));
    }

    /** The model version of the newest event ({@code null} when unknown). */
    public String newestVersion(String model) {
        return newest(model).map(PredictionEvent::version).orElse(null);
    }

    /** Feature names of the newest event. */
    public Set<String> newestFeatures(String model) {
        return newest(model).map(event -> event.features().keySet()).orElse(Set.of());
    }

    /**
     * Adds an entry to the window when its event time, or for an entry without one its XADD time,
     * lies in {@code [start, end)}; says whether it was a readable event of the window.
     */
    private static boolean offer(WindowEvents window, long start, long end, String id, StreamEvent entry) {
        PredictionEvent event = PredictionEvent.of(entry);
        if (event != null) {
            if (event.ts() >= start && event.ts() < end) {
                window.add(event, entry);
                return true;
            }
        } else if (idTime(id) >= start && idTime(id) < end) {
            window.addUnreadable(entry);
        }
        return false;
    }

    /** Sees one stream entry (its id, its event as parsed and its raw {@code event} bytes); says whether to read on. */
    private interface EntryVisitor {
        boolean visit(String id, StreamEvent entry, byte[] raw);
    }


    /**
     * Reads {@code command} (XRANGE or XREVRANGE) from {@code first} towards {@code last} in pages of
     * {@code pageSize}. With {@code paged}, the next page is asked for as soon as a full page
     * arrives, so Redis and the reply decoding work while this page's events are parsed.
     */
    private void scan(String command, String key, String first, String last, int pageSize, boolean paged,
                      EntryVisitor visitor) {
        CompletableFuture<io.vertx.mutiny.redis.client.Response> pending = request(command, key, first, last, pageSize);
        while (pending != null) {
            Response page = await(pending).getDelegate();
            int size = page.size();
            pending = paged && size == pageSize
                    ? request(command, key, "(" + page.get(size - 1).get(0).toString(), last, pageSize) : null;
            for (int i = 0; i < size; i++) {
                Response entry = page.get(i);
                byte[] raw = eventField(entry.get(1));
                if (!visitor.visit(entry.get(0).toString(), StreamEventParser.parse(raw), raw)) {
                    if (pending != null) {
                        pending.cancel(false);
                    }
                    return;
                }
            }
        }
    }

    private CompletableFuture<io.vertx.mutiny.redis.client.Response> request(String command, String key, String first,
                                                                             String last, int count) {
        return reactive.execute(command, key, first, last, "COUNT", Integer.toString(count))
                .ifNoItem().after(replyTimeout).fail()
                .subscribeAsCompletionStage();
    }

    /** The reply, with a failure thrown as the blocking client would throw it. */
    private static io.vertx.mutiny.redis.client.Response await(CompletableFuture<io.vertx.mutiny.redis.client.Response> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The raw bytes of the entry's {@code event} field (the last one, should it repeat), or {@code null}. */
    private static byte[] eventField(Response fields) {
        byte[] event = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (isEventField(fields.get(i).toBuffer())) {
                event = bytesOf(fields.get(i + 1).toBuffer());
            }
        }
        return event;
    }

    /**
     * A bulk string's bytes: the client decodes each into a heap buffer of its own, exactly sized,
     * whose array is then used as it is (not copied again: this runs for every event read).
     */
    private static byte[] bytesOf(Buffer value) {
        ByteBuf bytes = value.getByteBuf();
        if (bytes.hasArray() && bytes.arrayOffset() + bytes.readerIndex() == 0
                && bytes.array().length == bytes.readableBytes()) {
            return bytes.array();
        }
        return value.getBytes();
    }

    /** Whether a field name is {@code event}, byte by byte (Buffer.equals goes through netty's checked ByteBuf comparison). */
    private static boolean isEventField(Buffer name) {
        if (name.length() != EVENT_FIELD.length) {
            return false;
        }
        for (int i = 0; i < EVENT_FIELD.length; i++) {
            if (name.getByte(i) != EVENT_FIELD[i]) {
                return false;
            }
        }
        return true;
    }

    /** XADD time of a stream id: the time of an entry without a readable {@code ts}. */
    private static long idTime(String id) {
        return StreamIds.millis(id);
    }
}
