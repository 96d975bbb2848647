package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.monitor.config.MonitorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Read access to the prediction streams {@code ml:predictions:{model}}. Stream ids are XADD times
 * while windows are in event time ({@code ts}), so ranges are widened by a margin and filtered by
 * {@code ts}. Never trims a stream.
 */
@ApplicationScoped
public class PredictionStreams {

    /** Events fetched per XRANGE page. */
    static final int PAGE = 10_000;

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final MonitorConfig config;

    public PredictionStreams(RedisDataSource redis, MonitorConfig config) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.config = config;
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

    /**
     * The events with {@code start <= ts < end}, or empty when there are more than {@code cap} of
     * them (the caller then evaluates from sketches).
     */
    public Optional<WindowEvents> readWindow(String model, long start, long end, int cap) {
        long margin = config.streamIdMargin().toMillis();
        String from = Long.toString(Math.max(0, start - margin));
        String to = Long.toString(end + margin);
        WindowEvents window = new WindowEvents(config.sampleTraces());
        String key = key(model);
        while (true) {
            List<StreamMessage<String, String, String>> page = streams.xrange(key, StreamRange.of(from, to), PAGE);
            for (StreamMessage<String, String, String> message : page) {
                String json = message.payload().get("event");
                PredictionEvent event = PredictionEventParser.parse(json);
                if (event != null && event.ts() >= start && event.ts() < end) {
                    window.add(event, json);
                    if (window.count() > cap) {
                        return Optional.empty();
                    }
                } else if (event == null && idTime(message.id()) >= start && idTime(message.id()) < end) {
                    window.addUnreadable(json);
                }
            }
            if (page.size() < PAGE) {
                return Optional.of(window);
            }
            from = "(" + page.get(page.size() - 1).id();
        }
    }

    /** The newest {@code count} events with {@code ts < end} (count-based windows). */
    public WindowEvents readLast(String model, int count, long end) {
        long margin = config.streamIdMargin().toMillis();
        String to = Long.toString(end + margin);
        WindowEvents window = new WindowEvents(config.sampleTraces());
        String key = key(model);
        while (window.count() < count) {
            List<StreamMessage<String, String, String>> page = streams.xrevrange(key, StreamRange.of(to, "-"), PAGE);
            for (StreamMessage<String, String, String> message : page) {
                String json = message.payload().get("event");
                PredictionEvent event = PredictionEventParser.parse(json);
                if (event != null && event.ts() < end) {
                    window.add(event, json);
                    if (window.count() == count) {
                        return window;
                    }
                } else if (event == null && idTime(message.id()) < end) {
                    window.addUnreadable(json);
                }
            }
            if (page.size() < PAGE) {
                return window;
            }
            to = "(" + page.get(page.size() - 1).id();
        }
        return window;
    }

    /** The newest events of a window, for its version and sample traces when it is evaluated from sketches. */
    public WindowEvents readNewest(String model, long start, long end, int count) {
        long margin = config.streamIdMargin().toMillis();
        WindowEvents newest = new WindowEvents(config.sampleTraces());
        List<StreamMessage<String, String, String>> page = streams.xrevrange(key(model),
                StreamRange.of(Long.toString(end + margin), Long.toString(Math.max(0, start - margin))), count);
        for (StreamMessage<String, String, String> message : page) {
            String json = message.payload().get("event");
            PredictionEvent event = PredictionEventParser.parse(json);
            if (event != null && event.ts() >= start && event.ts() < end) {
                newest.add(event, json);
            } else if (event == null && idTime(message.id()) >= start && idTime(message.id()) < end) {
                newest.addUnreadable(json);
            }
        }
        return newest;
    }

    /** The newest event of the stream, if any parses. */
    private Optional<PredictionEvent> newest(String model) {
        List<StreamMessage<String, String, String>> last = streams.xrevrange(key(model), StreamRange.of("+", "-"), 1);
        return last.isEmpty() ? Optional.empty()
                : Optional.ofNullable(PredictionEventParser.parse(last.get(0).payload().get("event")));
    }

    /** The model version of the newest event ({@code null} when unknown). */
    public String newestVersion(String model) {
        return newest(model).map(PredictionEvent::version).orElse(null);
    }

    /** Feature names of the newest event. */
    public Set<String> newestFeatures(String model) {
        return newest(model).map(event -> event.features().keySet()).orElse(Set.of());
    }

    /** XADD time of a stream id ({@code millis-seq}): the time of an entry without a readable {@code ts}. */
    private static long idTime(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }
}
