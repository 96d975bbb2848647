package dev.recsys.gateway.served.events;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.runtime.Startup;

/**
 * Prediction stream entries that cannot become a served list: copied, with why, to the stream
 * {@code ml:deadletter:gateway:{model}} (model: the suffix of the source stream's key), capped at
 * {@code gateway.streams.dead-letter-max-length} entries per stream, counted and logged once with their
 * id. The caller acknowledges the source entry afterwards, so a poison entry never blocks the group.
 */
@Startup // its counters are exported at 0 from start-up
@ApplicationScoped
public class DeadLetters {

    /** Key prefix of the dead-letter streams. */
    public static final String PREFIX = "ml:deadletter:gateway:";

    private static final String SOURCE_PREFIX = "ml:predictions:";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final StreamCommands<String, String, String> streams;
    private final long maxLength;
    private final Counter deadLettered;

    public DeadLetters(RedisDataSource redis, GatewayConfig config, MeterRegistry registry) {
        this.streams = redis.stream(String.class);
        this.maxLength = config.streams().deadLetterMaxLength();
        this.deadLettered = Counter.builder("gateway.prediction.events.invalid")
                .description("Prediction events that could not be stored as a served list (dead-lettered)")
                .register(registry);
    }

    /** Blocking: call it from the consumer's thread. */
    public void add(StreamMessage<String, String, String> entry, String reason) {
        String model = entry.key().startsWith(SOURCE_PREFIX) ? entry.key().substring(SOURCE_PREFIX.length())
                : entry.key();
        Map<String, String> letter = new LinkedHashMap<>();
        letter.put("stream", entry.key());
        letter.put("id", entry.id());
        letter.put("reason", reason);
        // the entry as it was; an oversized one is cut, its source entry stays in its stream until trimmed
        String event = entry.payload() == null ? null : entry.payload().get(PredictionEvents.FIELD);
        letter.put(PredictionEvents.FIELD, event == null ? "" : event.length() > PredictionEvents.MAX_EVENT_CHARS
                ? event.substring(0, PredictionEvents.MAX_EVENT_CHARS) : event);
        streams.xadd(PREFIX + model, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(), letter);
        deadLettered.increment();
        LOG.warnf("prediction event %s %s dead-lettered to %s: %s", entry.key(), entry.id(), PREFIX + model, reason);
    }
}
