package dev.recsys.drift.monitor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The latest evaluation per model in Redis ({@code drift:status:{model}}), shared by all replicas so
 * that any of them answers {@code status} and {@code report} and exposes the same gauges.
 */
@ApplicationScoped
public class StatusStore {

    private static final String STORE_IF_NEWER = "local current = redis.call('get', KEYS[1]) "
            + "if current then local ok, decoded = pcall(cjson.decode, current) "
            + "if ok and decoded.result and tonumber(decoded.result.windowEnd) > tonumber(ARGV[2]) then return 0 end end "
            + "redis.call('set', KEYS[1], ARGV[1]) return 1";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final ObjectMapper json;

    public StatusStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.json = json;
    }

    /** Stores the evaluation unless a later window is stored already. */
    public void store(StoredEvaluation evaluation) {
        try {
            redis.execute("EVAL", STORE_IF_NEWER, "1", key(evaluation.result().model()),
                    json.writeValueAsString(evaluation), Long.toString(evaluation.result().windowEnd()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<StoredEvaluation> latest(String model) {
        String stored = values.get(key(model));
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, StoredEvaluation.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String key(String model) {
        return "drift:status:" + model;
    }
}
