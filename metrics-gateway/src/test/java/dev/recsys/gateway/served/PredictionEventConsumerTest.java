package dev.recsys.gateway.served;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.quality.service.QualityRollupJob;
import dev.recsys.gateway.served.repository.ServedListRepository;
import dev.recsys.gateway.served.service.RetentionJob;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PredictionEventConsumerTest {

    @Inject
    PredictionStreamFixture streams;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    ServedListRepository servedLists;

    @Inject
    RetentionJob retention;

    @Inject
    QualityRollupJob rollup;

    private Row storedList(String requestId) {
        var rows = pool.preparedQuery("select * from served_list where request_id = $1")
                .execute(Tuple.of(requestId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    @Test
    void servedListsAreLearntFromTheStreamAndAcknowledged() throws InterruptedException {
        String model = PredictionStreamFixture.uniqueModel("consumer");
        String stream = "ml:predictions:" + model;
        String first = streams.publish(new Served(model, "7", "exp-c", "treatment", 11, new long[] { 5, 6, 7 },
                new double[] { 4.5, 4.25, 3.0 }));
        // an unreadable event must not stop the ones after it
        redis.stream(String.class).xadd(stream, Map.of("event", "{not json"));
        redis.stream(String.class).xadd(stream, Map.of("event", "{\"v\":1,\"model\":\"" + model + "\"}"));
        streams.publish(new Served(model, "7", null, null, 12, new long[] { 8 }, new double[] { 2.5 }));
        streams.awaitStoredLists(model, 2);

        Row row = storedList(first);
        assertEquals(model, row.getString("model"));
        assertEquals("7", row.getString("version"));
        assertEquals("exp-c", row.getString("experiment"));
        assertEquals("treatment", row.getString("variant"));
        assertEquals(11L, row.getLong("user_id"));
        assertArrayEquals(new Long[] { 5L, 6L, 7L }, row.getArrayOfLongs("items"));
        assertArrayEquals(new Double[] { 4.5, 4.25, 3.0 }, row.getArrayOfDoubles("scores"));
        // every entry, the two unreadable ones included, is acknowledged once its batch is committed
        long pending = pending(stream);
        for (int attempt = 0; attempt < 50 && pending > 0; attempt++) {
            Thread.sleep(100);
            pending = pending(stream);
        }
        assertEquals(0, pending);
    }

    @Test
    void poisonEntriesOfEveryKindAreDeadLetteredOnceAndIngestionGoesOn() {
        String model = PredictionStreamFixture.uniqueModel("poison");
        String stream = "ml:predictions:" + model;
        StreamCommands<String, String, String> raw = redis.stream(String.class);
        Served served = new Served(model, "1", "exp", "control", 31, new long[] { 1, 2 }, new double[] { 4.0, 3.0 });
        double invalid = invalidCounter();
        List<Map<String, Object>> poison = List.of(
                with(served, "version", "v".repeat(70)), // the entry that wedged the group (#12)
                with(served, "requestId", "r".repeat(129)), // over-long strings
                with(served, "experiment", "e".repeat(129)),
                with(served, "variant", "v".repeat(65)),
                with(served, "requestId", "a\u0000b"), // NUL, which PostgreSQL refuses in text
                with(served, "model", "m\u0001"),
                with(served, "userId", "abc"), // wrong types
                with(served, "userId", 1.5),
                with(served, "ts", "yesterday"),
                with(served, "ts", Long.MAX_VALUE),
                with(served, "items", List.of("x")),
                with(served, "items", "1,2"),
                with(served, "scores", List.of("high", "low")),
                with(served, "version", 7),
                with(served, "items", Collections.nCopies(5000, 1L)), // a huge array
                with(served, "model", null), // missing fields
                with(served, "requestId", null),
                with(served, "userId", null));
        String first = null;
        for (Map<String, Object> event : poison) {
            String id = streams.xadd(model, event);
            first = first == null ? id : first;
        }
        raw.xadd(stream, Map.of("event", "{not json"));
        raw.xadd(stream, Map.of("event", "[1, 2]"));
        raw.xadd(stream, Map.of("other", "no event field"));
        raw.xadd(stream, Map.of("event", "{\"pad\":\"" + "x".repeat(70_000) + "\"}")); // over 64 KiB
        int planted = poison.size() + 4;

        String good = streams.publish(served); // stored although every poison entry came before it
        assertEquals(31L, storedList(good).getLong("user_id"));
        assertEquals(1, streams.storedLists(model));

        String deadLetters = "ml:deadletter:gateway:" + model;
        PredictionStreamFixture.await(() -> raw.xlen(deadLetters) == planted,
                () -> raw.xlen(deadLetters) + " of " + planted + " entries dead-lettered");
        assertEquals(invalid + planted, invalidCounter());
        StreamMessage<String, String, String> letter = raw.xrange(deadLetters, StreamRange.of("-", "+"), 1).get(0);
        assertEquals(stream, letter.payload().get("stream"));
        assertEquals(first, letter.payload().get("id"));
        assertTrue(letter.payload().get("reason").contains("version"), letter.payload().get("reason"));
        assertTrue(letter.payload().get("event").contains("v".repeat(70)));
        PredictionStreamFixture.await(() -> pending(stream) == 0, () -> pending(stream) + " entries stay pending");
    }

    @Test
    void entriesLeftPendingByADeadConsumerAreClaimedAndEveryListIsStoredOnce() throws Exception {
        String model = PredictionStreamFixture.uniqueModel("claim");
        String stream = "ml:predictions:" + model;
        // the entries are written and taken under a name the gateway does not follow, then renamed (with the
        // group and what it holds pending): the gateway cannot read them first however slow the machine
        String staging = "test-staging:" + model;
        StreamCommands<String, String, String> raw = redis.stream(String.class);
        raw.xgroupCreate(staging, "metrics-gateway", "0", new XGroupCreateArgs().mkstream());
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String requestId = UUID.randomUUID().toString();
            raw.xadd(staging, Map.of("event", json.writeValueAsString(streams.event(new Served(model, "1", null,
                    null, 40 + i, new long[] { 1 }, new double[] { 3.0 }), requestId))));
            requestIds.add(requestId);
        }
        // another replica reads them and dies before storing them
        List<StreamMessage<String, String, String>> taken = raw.xreadgroup("metrics-gateway", "dead-replica",
                staging, ">", new XReadGroupArgs().count(100));
        redis.key().rename(staging, stream);
        assertEquals(5, taken.size());
        // and one that died with nothing pending
        raw.xgroupCreateConsumer(stream, "metrics-gateway", "dead-idle");

        // claimed once idle for gateway.streams.claim-min-idle (2 s in tests)
        streams.awaitStoredLists(model, 5);
        PredictionStreamFixture.await(() -> pending(stream) == 0, () -> pending(stream) + " entries still pending");
        // both dead consumers leave the group (idle over gateway.streams.dead-consumer-idle, 1 s in tests: shorter
        // than the claim's idle time, so removing dead-replica before its entries were claimed would have lost them)
        PredictionStreamFixture.await(() -> consumers(stream).stream().noneMatch(name -> name.startsWith("dead-")),
                () -> "consumers " + consumers(stream));
        assertEquals(1, consumers(stream).size(), "only this gateway's consumer is left: " + consumers(stream));
        for (String requestId : requestIds) {
            assertEquals(requestId, storedList(requestId).getString("request_id"));
        }
        // the same event read again (a redelivery, twice in one batch) is not stored again
        Map<String, Object> again = streams.event(new Served(model, "1", null, null, 40, new long[] { 1 },
                new double[] { 3.0 }), requestIds.get(0));
        streams.xadd(model, again);
        streams.xadd(model, again);
        streams.publish(new Served(model, "1", null, null, 50, new long[] { 1 }, new double[] { 3.0 }));
        assertEquals(6, streams.storedLists(model));
    }

    private Map<String, Object> with(Served served, String field, Object value) {
        Map<String, Object> event = new HashMap<>(streams.event(served, UUID.randomUUID().toString()));
        event.put(field, value);
        return event;
    }

    private static double invalidCounter() {
        String metrics = given().get("http://localhost:19082/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("gateway_prediction_events_invalid_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(0);
    }

    private List<String> consumers(String stream) {
        Response names = redis.execute("EVAL", """
                local names = {}
                for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
                    names[#names + 1] = consumer[2]
                end
                return names
                """, "1", stream, "metrics-gateway");
        List<String> list = new ArrayList<>();
        names.forEach(name -> list.add(name.toString()));
        return list;
    }

    private long pending(String stream) {
        return redis.stream(String.class).xpending(stream, "metrics-gateway").getPendingCount();
    }

    @Test
    void retentionDeletesOldListsWithTheirFeedbackAndKeepsRecentOnes() {
        String model = PredictionStreamFixture.uniqueModel("retention");
        String old = "old-" + model;
        servedLists.insertAll(pool, List.of(new ServedList(old, model, "1", null, null, 21,
                Instant.now().minus(40, ChronoUnit.DAYS), new Long[] { 1L }, new Double[] { 3.0 }, null)))
                .await().indefinitely();
        given().contentType(ContentType.JSON).body(Map.of("requestId", old, "userId", 21, "movieId", 1,
                "event", "clicked")).post("/api/v1/feedback").then().statusCode(201);
        String recent = streams.publish(new Served(model, "1", null, null, 22, new long[] { 2 },
                new double[] { 3.0 }));
        rollup.rollUp().await().indefinitely();
        given().queryParam("model", model).get("/api/v1/quality").then().statusCode(200)
                .body("overall.lists", equalTo(1));

        retention.deleteExpired().await().indefinitely();

        assertNull(storedList(old), "a list older than the retention period is deleted");
        assertEquals(0L, pool.preparedQuery("select count(*) from feedback where request_id = $1")
                .execute(Tuple.of(old)).await().indefinitely().iterator().next().getLong(0));
        assertEquals(recent, storedList(recent).getString("request_id"));
        given().queryParam("model", model).get("/api/v1/quality").then().statusCode(200)
                .body("overall.lists", equalTo(0));
    }
}
