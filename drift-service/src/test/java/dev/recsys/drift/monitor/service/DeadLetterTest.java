package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.sketch.SketchIngest;
import dev.recsys.drift.monitor.sketch.SketchIngestRunner;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Poison entries in a prediction stream go to the dead-letter stream and never block the consumer group. */
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
    MonitorConfig config;

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

        List<String> reasons = new ArrayList<>();
        long[] consumed = {0};
        SketchIngest ingest = new SketchIngest(redis, store, settings("dl"), new SketchIngest.Listener() {
            @Override
            public void consumed(String m, long events) {
                consumed[0] += events;
            }

            @Override
            public void deadLettered(String m, String reason) {
                reasons.add(reason);
            }
        });
        long acknowledged = 0;
        for (int round = 0; round < 20 && acknowledged < 157; round++) {
            acknowledged += ingest.poll(Set.of(model));
        }

        assertEquals(157, acknowledged, "every entry acknowledged");
        assertEquals(150, consumed[0], "the prediction events summarised");
        assertEquals(List.of("bad_version", "unreadable", "unreadable", "no_event_time", "no_event_time", "no_features",
                "too_large"), reasons);
        List<StreamMessage<String, String, String>> letters = stream.xrange(SketchStore.deadLetterKey(model),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(7, letters.size());
        assertEquals("bad_version", letters.get(0).payload().get("reason"));
        assertEquals(4096, letters.get(6).payload().get("event").length(), "an oversized event is kept truncated");
        assertEquals(150, store.events(model, SketchStore.bucketOf(now - MINUTE), now + MINUTE));
        assertEquals(0, redis.execute("XPENDING", key, config.sketch().group()).get(0).toLong(), "nothing left pending");
    }

    @Test
    void failedRoundsWaitLongerEachTimeUpToThirtySeconds() {
        assertEquals(100, SketchIngestRunner.backoffMillis(1));
        assertEquals(200, SketchIngestRunner.backoffMillis(2));
        assertEquals(25_600, SketchIngestRunner.backoffMillis(9));
        assertEquals(30_000, SketchIngestRunner.backoffMillis(10));
        assertEquals(30_000, SketchIngestRunner.backoffMillis(1_000));
    }

    private SketchIngest.Settings settings(String name) {
        SketchIngest.Settings base = SketchIngestRunner.settings(config, name, streams);
        return new SketchIngest.Settings(base.group(), name, 5_000, Duration.ofMillis(100), base.claimIdle(),
                base.keepMs(), base.streamKey());
    }
}
