package dev.recsys.gateway.served.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.served.ServedList;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;

/** Finds the prediction streams and reads a served list straight from their recent tail. */
@ApplicationScoped
public class PredictionStreams {

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final PredictionEvents events;
    private final GatewayConfig.Streams config;

    public PredictionStreams(RedisDataSource redis, PredictionEvents events, GatewayConfig config) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.events = events;
        this.config = config.streams();
    }

    /** Every stream key matching the configured pattern (SCAN ... TYPE stream). */
    public Set<String> discover() {
        Set<String> keys = new TreeSet<>();
        redis.key().scan(new KeyScanArgs().match(config.pattern()).type(RedisValueType.STREAM).count(1000))
                .toIterable().forEach(keys::add);
        return keys;
    }

    /**
     * Looks for the event of {@code requestId} in the tail of every prediction stream, newest first,
     * page by page, back to the configured depth. Blocking: call it from a worker thread.
     */
    @WithSpan("PredictionStreams.find")
    public Optional<ServedList> find(String requestId) {
        String oldest = (Instant.now().minus(config.lookupDepth()).toEpochMilli()) + "-0";
        for (String key : discover()) {
            String end = "+";
            while (true) {
                List<StreamMessage<String, String, String>> page =
                        streams.xrevrange(key, StreamRange.of(end, oldest), config.lookupPageSize());
                for (StreamMessage<String, String, String> entry : page) {
                    String json = entry.payload().get(PredictionEvents.FIELD);
                    if (PredictionEvents.mentions(json, requestId)) {
                        try {
                            ServedList list = events.parse(json);
                            if (list.requestId().equals(requestId)) {
                                return Optional.of(list);
                            }
                        } catch (IllegalArgumentException malformed) {
                            // an unreadable event cannot be the list asked for; keep looking
                        }
                    }
                }
                if (page.size() < config.lookupPageSize()) {
                    break;
                }
                end = "(" + page.get(page.size() - 1).id();
            }
        }
        return Optional.empty();
    }
}
