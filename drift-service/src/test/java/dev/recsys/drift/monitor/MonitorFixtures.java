package dev.recsys.drift.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.common.db.Database;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.stream.XAddArgs;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test data: events XADDed to the test Redis (db 2), a model repository under target/test-models, cleanup. */
@ApplicationScoped
public class MonitorFixtures {

    static final Path REPOSITORY = Path.of("target/test-models");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisDataSource redis;
    private final Database db;

    public MonitorFixtures(RedisDataSource redis, Database db) {
        this.redis = redis;
        this.db = db;
    }

    /** Stored evaluations (history rows) of {@code model}. */
    public long storedEvaluations(String model) {
        return db.queryOne("select count(*) from drift_evaluation where model = ?", row -> row.getLong(1), model)
                .orElseThrow();
    }

    /** Removes everything the monitor keeps about {@code model}: stream, sketches, status, lock, history, archived reports, admin reference. */
    public void reset(String model) {
        List<String> keys = new ArrayList<>();
        keys.add("ml:predictions:" + model);
        keys.add("drift:status:" + model);
        keys.add("drift:lock:" + model);
        keys.add("drift:sketch-mark:" + model);
        for (String pattern : List.of("drift:sketch:" + model + ":*", "drift:sketch-n:" + model + ":*")) {
            redis.key().scan(new KeyScanArgs().match(pattern).count(1000)).toIterable().forEach(keys::add);
        }
        redis.key().del(keys.toArray(String[]::new));
        db.transaction(tx -> {
            for (String table : List.of("drift_feature_result", "drift_evaluation", "drift_report", "drift_reference")) {
                tx.update("delete from " + table + " where model = ?", model);
            }
            return null;
        });
    }

    /** XADDs (at the current time, as the recommender does) {@code count} events with event times spread over {@code [start, end)}. */
    public void write(String model, String version, TrafficGenerator traffic, int count, long start, long end) {
        write(model, version, traffic, count, start, end, false);
    }

    /**
     * Like {@link #write} but with stream ids at the event times, as if the traffic had been
     * published back then (ids must grow: use on a fresh stream, oldest first).
     */
    public void writeHistoric(String model, String version, TrafficGenerator traffic, int count, long start, long end) {
        write(model, version, traffic, count, start, end, true);
    }

    private void write(String model, String version, TrafficGenerator traffic, int count, long start, long end,
                       boolean idsAtEventTime) {
        String key = "ml:predictions:" + model;
        var streams = redis.stream(String.class);
        for (int i = 0; i < count; i++) {
            long ts = start + (long) ((double) i * (end - start) / count);
            Map<String, String> payload = Map.of("event", traffic.event(model, version, ts));
            if (idsAtEventTime) {
                streams.xadd(key, new XAddArgs().id(ts + "-*"), payload);
            } else {
                streams.xadd(key, payload);
            }
        }
    }

    /** Writes a complete model version (model card + named files) with the given reference document. */
    public void repository(String model, int version, Map<String, Object> reference) throws IOException {
        Path dir = REPOSITORY.resolve(model).resolve(Integer.toString(version));
        Files.createDirectories(dir);
        for (String file : List.of("model.onnx", "items.csv", "users.csv", "seen.bin")) {
            Files.writeString(dir.resolve(file), "");
        }
        JSON.writeValue(dir.resolve("reference.json").toFile(), reference);
        JSON.writeValue(dir.resolve("model-card.json").toFile(), Map.of("name", model, "version", version,
                "files", Map.of("model", "model.onnx", "items", "items.csv", "users", "users.csv",
                        "seen", "seen.bin", "reference", "reference.json")));
    }
}
