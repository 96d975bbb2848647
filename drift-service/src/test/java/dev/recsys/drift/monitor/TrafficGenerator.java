package dev.recsys.drift.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic prediction-event features (docs/architecture.md §5) with switchable drift: a shifted user mean
 * rating, a new top genre, and changed user-segment proportions. Seeded, so runs repeat.
 */
public final class TrafficGenerator {

    public static final List<String> FEATURES = List.of("user_rating_count", "user_mean_rating", "user_segment",
            "rec_mean_score", "rec_top_score", "rec_mean_popularity", "rec_top_genre");
    static final String[] SEGMENTS = {"cold", "light", "casual", "heavy"};
    static final double[] SEGMENT_SHARES = {0.1, 0.3, 0.4, 0.2};
    static final double[] DRIFTED_SEGMENT_SHARES = {0.45, 0.3, 0.15, 0.1};
    static final String[] GENRES = {"Action", "Comedy", "Drama", "Thriller", "Romance", "Sci-Fi"};

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean shiftMean;
    public boolean newGenre;
    public boolean segmentProportions;
    private final Random random;

    public TrafficGenerator(long seed) {
        this.random = new Random(seed);
    }

    public Map<String, Object> features() {
        Map<String, Object> f = new HashMap<>();
        String segment = pick(SEGMENTS, segmentProportions ? DRIFTED_SEGMENT_SHARES : SEGMENT_SHARES);
        f.put("user_segment", segment);
        f.put("user_rating_count", random.nextInt(300));
        f.put("user_mean_rating", segment.equals("cold") ? null
                : round(3.5 + 0.5 * random.nextGaussian() + (shiftMean ? 0.8 : 0)));
        double mean = 3.8 + 0.3 * random.nextGaussian();
        f.put("rec_mean_score", round(mean));
        f.put("rec_top_score", round(mean + Math.abs(0.4 * random.nextGaussian())));
        f.put("rec_mean_popularity", round(Math.min(1, Math.max(0, 0.4 + 0.15 * random.nextGaussian()))));
        f.put("rec_top_genre", newGenre && random.nextDouble() < 0.35 ? "Documentary"
                : GENRES[Math.min(GENRES.length - 1, (int) Math.abs(random.nextGaussian() * 2))]);
        return f;
    }

    /** A reference document {"features": {...}} of {@code n} samples. */
    public Map<String, Object> reference(int n) {
        Map<String, List<Object>> columns = new HashMap<>();
        FEATURES.forEach(name -> columns.put(name, new ArrayList<>()));
        for (int i = 0; i < n; i++) {
            features().forEach((name, value) -> columns.get(name).add(value));
        }
        return Map.of("features", columns);
    }

    /** A full v1 event JSON with event time {@code ts} and model {@code version}. */
    public String event(String model, String version, long ts) {
        Map<String, Object> e = new HashMap<>();
        e.put("v", 1);
        e.put("eventId", UUID.randomUUID().toString());
        e.put("ts", ts);
        e.put("model", model);
        e.put("version", version);
        e.put("requestId", UUID.randomUUID().toString());
        e.put("traceId", hex(16));
        e.put("spanId", hex(8));
        e.put("userId", random.nextInt(1000));
        e.put("k", 10);
        e.put("coldStart", false);
        e.put("cached", false);
        e.put("experiment", null);
        e.put("variant", null);
        e.put("items", List.of(50, 172, 3, 9, 11));
        e.put("scores", List.of(4.61, 4.52, 4.4, 4.3, 4.2));
        e.put("features", features());
        try {
            return JSON.writeValueAsString(e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String pick(String[] values, double[] shares) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < values.length; i++) {
            cumulative += shares[i];
            if (u < cumulative) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
