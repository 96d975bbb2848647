package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.sketch.SketchFeed;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.LiveWindows;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Poison entries in a prediction stream go to the dead-letter stream, counted by reason, and never block the sketches. */
@QuarkusTest
class DeadLetterTest {

    private static final long MINUTE = SketchStore.BUCKET_MS;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    SketchStore store;
    @Inject
    PredictionStreams streams;
    @Inject
    RedisDataSource redis;
    @Inject
    LiveWindows live;
    @Inject
    SketchFeed feed;
    @Inject
    DriftMetrics metrics;
    @Inject
    MeterRegistry registry;

    @Test
    void poisonEntriesAreDeadLetteredAndIngestionGoesOn() {
        String model = "poison-model";
        fixtures.reset(model);
        redis.key().del(SketchStore.deadLetterKey(model));
        long now = System.currentTimeMillis();
        TrafficGenerator traffic = new TrafficGenerator(40);
        fixtures.write(model, "1", traffic, 100, now - MINUTE, now);
        var stream = redis.stream(String.class);
        String key = streams.key(model);
        String good = traffic.event(model, "1", now);
        // the entry that wedged the gateway: a 70-character version
        stream.xadd(key, Map.of("event", good.replace("\"version\":\"1\"", "\"version\":\"" + "v".repeat(70) + "\"")));
        stream.xadd(key, Map.of("event", "{\"v\":1,"));
        stream.xadd(key, Map.of("other", "no event field"));
        stream.xadd(key, Map.of("event", "{\"v\":1,\"eventId\":\"e\",\"features\":{\"x\":1}}"));
        stream.xadd(key, Map.of("event", "{\"v\":1,\"eventId\":\"e\",\"ts\":\"yesterday\",\"features\":{\"x\":1}}"));
        stream.xadd(key, Map.of("event", "{\"v\":1,\"eventId\":\"e\",\"ts\":" + now + ",\"features\":[1,2]}"));
        stream.xadd(key, Map.of("event", "{\"v\":1,\"ts\":" + now + ",\"items\":[" + "1,".repeat(40_000) + "1],\"features\":{}}"));
        fixtures.write(model, "1", traffic, 50, now - MINUTE, now);

        double consumedBefore = consumed(model);
        Map<String, Double> countedBefore = deadLettered(model);
        live.sketchOnly(model);

        assertEquals(150, consumed(model) - consumedBefore, "the prediction events summarised");
        List<StreamMessage<String, String, String>> letters = stream.xrange(SketchStore.deadLetterKey(model),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(List.of("bad_version", "unreadable", "unreadable", "no_event_time", "no_event_time", "no_features",
                "too_large"), letters.stream().map(letter -> letter.payload().get("reason")).toList());
        assertEquals(4096, letters.get(6).payload().get("event").length(), "an oversized event is kept truncated");
        Map<String, Double> counted = deadLettered(model);
        Map<String, Double> expected = Map.of("bad_version", 1.0, "unreadable", 2.0, "no_event_time", 2.0,
                "no_features", 1.0, "too_large", 1.0, "bad_schema", 0.0);
        expected.forEach((reason, count) ->
                assertEquals(count, counted.get(reason) - countedBefore.getOrDefault(reason, 0.0), reason));
        assertEquals(150, store.events(model, SketchStore.bucketOf(now - MINUTE), now + MINUTE));
        assertEquals(0, feed.lag(model, key), "nothing left to sketch");

        // a second round moves nothing twice
        live.sketchOnly(model);
        assertEquals(7, stream.xlen(SketchStore.deadLetterKey(model)));
        assertEquals(150, consumed(model) - consumedBefore);
    }

    private double consumed(String model) {
        var counter = registry.find("prediction.events.consumed").tag("model", model).counter();
        return counter == null ? 0 : counter.count();
    }

    /** {@code drift_deadletter_events_total} by reason (every reason registered once the model is watched). */
    private Map<String, Double> deadLettered(String model) {
        metrics.watched(model);
        Map<String, Double> counts = new HashMap<>();
        registry.find("drift_deadletter_events_total").tag("model", model).counters()
                .forEach(counter -> counts.put(counter.getId().getTag("reason"), counter.count()));
        return counts;
    }
}
