package dev.recsys.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes prediction events the way the recommender does (docs/architecture.md §5: XADD, field "event"). */
@ApplicationScoped
public class PredictionStreamFixture {

    private final RedisDataSource redis;
    private final ObjectMapper mapper;
    private final Pool pool;

    public PredictionStreamFixture(RedisDataSource redis, ObjectMapper mapper, Pool pool) {
        this.redis = redis;
        this.mapper = mapper;
        this.pool = pool;
    }

    /** A served list to publish; experiment and variant may be null. */
    public record Served(String model, String version, String experiment, String variant, long userId,
            long[] items, double[] scores) {
    }

    /** XADDs the event of a served list, waits until the gateway stored it, and returns its requestId. */
    public String publish(Served served) {
        String requestId = xadd(served);
        awaitStored(requestId);
        return requestId;
    }

    /** XADDs the event of a served list and returns its requestId at once, before the gateway read it. */
    public String xadd(Served served) {
        String requestId = UUID.randomUUID().toString();
        xadd(served.model(), event(served, requestId));
        return requestId;
    }

    /** The event of a served list as the recommender writes it (docs/architecture.md §5), to change before {@link #xadd(String, Map)}. */
    public Map<String, Object> event(Served served, String requestId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("v", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("ts", Instant.now().minusSeconds(30).toEpochMilli());
        event.put("model", served.model());
        event.put("version", served.version());
        event.put("requestId", requestId);
        event.put("traceId", "0af7651916cd43dd8448eb211c80319c");
        event.put("spanId", "b7ad6b7169203331");
        event.put("userId", served.userId());
        event.put("k", served.items().length);
        event.put("coldStart", false);
        event.put("cached", false);
        event.put("experiment", served.experiment());
        event.put("variant", served.variant());
        event.put("items", Arrays.stream(served.items()).boxed().toList());
        event.put("scores", Arrays.stream(served.scores()).boxed().toList());
        event.put("features", Map.of("user_rating_count", 57, "user_mean_rating", 3.6, "user_segment", "casual",
                "rec_mean_score", 4.2, "rec_top_score", 4.61, "rec_mean_popularity", 0.43, "rec_top_genre", "Drama"));
        return event;
    }

    /** XADDs an event to ml:predictions:{model}; returns the entry id. */
    public String xadd(String model, Map<String, Object> event) {
        try {
            return redis.stream(String.class).xadd("ml:predictions:" + model,
                    Map.of("event", mapper.writeValueAsString(event)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public long storedLists(String model) {
        return pool.preparedQuery("select count(*) from served_list where model = $1").execute(Tuple.of(model))
                .await().indefinitely().iterator().next().getLong(0);
    }

    /** Waits until the gateway's consumer stored {@code expected} lists of the model. */
    public void awaitStoredLists(String model, long expected) {
        await(() -> storedLists(model) >= expected, () -> "consumer stored " + storedLists(model) + " of " + expected + " lists");
    }

    private void awaitStored(String requestId) {
        await(() -> pool.preparedQuery("select 1 from served_list where request_id = $1").execute(Tuple.of(requestId))
                .await().indefinitely().size() == 1, () -> "consumer did not store list " + requestId);
    }

    /** Waits up to a minute for the condition. */
    public static void await(BooleanSupplier condition, Supplier<String> failure) {
        // generous: on the shared build machine the consumer may need many seconds to see a new stream
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** JSON numbers with a fraction are compared as doubles, as the gateway computes them. */
    public static void readNumbersAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    public static String uniqueModel(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
