package dev.recsys.drift.monitor.service;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-model lock across replicas: {@code SET drift:lock:{model} token NX PX ttl}; released only by
 * its owner (compare-and-delete script), and expiring by itself if the owner dies.
 */
@ApplicationScoped
public class EvaluationLock {

    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private static final String EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private final RedisDataSource redis;

    public EvaluationLock(RedisDataSource redis) {
        this.redis = redis;
    }

    /** @return the owner token when acquired */
    public Optional<String> tryAcquire(String model, Duration ttl) {
        String token = UUID.randomUUID().toString();
        Response reply = redis.execute("SET", key(model), token, "NX", "PX", Long.toString(ttl.toMillis()));
        return reply != null && "OK".equals(reply.toString()) ? Optional.of(token) : Optional.empty();
    }

    /** Deletes the lock if {@code token} still owns it; a lock that expired and was taken by another stays. */
    public void release(String model, String token) {
        redis.execute("EVAL", RELEASE, "1", key(model), token);
    }

    /** Restarts the lock's expiry if {@code token} still owns it (an owner evaluating several windows in a row). */
    public boolean extend(String model, String token, Duration ttl) {
        Response reply = redis.execute("EVAL", EXTEND, "1", key(model), token, Long.toString(ttl.toMillis()));
        return reply != null && reply.toLong() == 1;
    }

    private static String key(String model) {
        return "drift:lock:" + model;
    }
}
