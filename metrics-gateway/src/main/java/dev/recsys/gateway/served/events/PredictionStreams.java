package dev.recsys.gateway.served.events;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;

/** Finds the prediction streams. */
@ApplicationScoped
public class PredictionStreams {

    private final RedisDataSource redis;
    private final GatewayConfig.Streams config;

    public PredictionStreams(RedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.config = config.streams();
    }

    /** Every stream key matching the configured pattern (SCAN ... TYPE stream). */
    public Set<String> discover() {
        Set<String> keys = new TreeSet<>();
        redis.key().scan(new KeyScanArgs().match(config.pattern()).type(RedisValueType.STREAM).count(1000))
                .toIterable().forEach(keys::add);
        return keys;
    }
}
