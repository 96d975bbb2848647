package dev.recsys.gateway.served;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.PredictionStreamFixture.Served;
import dev.recsys.gateway.quality.service.QualityRollupJob;
import dev.recsys.gateway.served.repository.ServedListRepository;
import dev.recsys.gateway.served.service.RetentionJob;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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

    private long pending(String stream) {
        return redis.stream(String.class).xpending(stream, "metrics-gateway").getPendingCount();
    }

    @Test
    void retentionDeletesOldListsWithTheirFeedbackAndKeepsRecentOnes() {
        String model = PredictionStreamFixture.uniqueModel("retention");
        String old = "old-" + model;
        servedLists.insert(pool, new ServedList(old, model, "1", null, null, 21,
                Instant.now().minus(40, ChronoUnit.DAYS), new Long[] { 1L }, new Double[] { 3.0 }, null))
                .await().indefinitely();
        given().contentType(ContentType.JSON).body(Map.of("requestId", old, "userId", 21, "movieId", 1,
                "event", "clicked")).post("/api/v1/feedback").then().statusCode(201);
        String recent = streams.publish(new Served(model, "1", null, null, 22, new long[] { 2 },
                new double[] { 3.0 }));
        streams.awaitStoredLists(model, 2);
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
