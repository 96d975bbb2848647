package dev.recsys.drift.quality;

import dev.recsys.drift.quality.event.QualityEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reference samples and windows shaped like the movie-recs prediction features (model-repository.md):
 * a seeded reference, and clean windows drawn row by row from it (so every window value lies inside
 * the reference's range and categories, and correlations match up to sampling noise). Tests plant
 * faults into such windows.
 */
public final class QualityFixtures {

    public static final long NOW = 1_795_000_000_000L;
    public static final List<String> GENRES = List.of("Action", "Comedy", "Drama", "Thriller");
    public static final List<String> FEATURES = List.of("rec_mean_popularity", "rec_mean_score", "rec_top_genre",
            "rec_top_score", "user_mean_rating", "user_rating_count", "user_segment");

    private QualityFixtures() {
    }

    /** A reference of {@code n} rows; about 10% cold users, whose {@code user_mean_rating} is null. */
    public static Map<String, List<Object>> reference(int n, long seed) {
        Random random = new Random(seed);
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        FEATURES.forEach(name -> columns.put(name, new ArrayList<>(n)));
        for (int i = 0; i < n; i++) {
            boolean cold = random.nextDouble() < 0.1;
            int count = cold ? 0 : 1 + (int) (-Math.log(1 - random.nextDouble()) * 60);
            Double mean = cold ? null : round(Math.max(1, Math.min(5, 3.5 + 0.5 * random.nextGaussian())));
            String segment = cold ? "cold" : count < 20 ? "light" : count < 100 ? "casual" : "heavy";
            double recMean = (cold ? 3.6 : 0.6 * mean + 1.4) + 0.15 * random.nextGaussian();
            double recTop = recMean + 0.3 + 0.2 * Math.abs(random.nextGaussian());
            columns.get("user_rating_count").add(count);
            columns.get("user_mean_rating").add(mean);
            columns.get("user_segment").add(segment);
            columns.get("rec_mean_score").add(recMean);
            columns.get("rec_top_score").add(recTop);
            columns.get("rec_mean_popularity").add(random.nextDouble());
            columns.get("rec_top_genre").add(GENRES.get(random.nextInt(GENRES.size())));
        }
        return columns;
    }

    /** {@code n} events whose features are reference rows drawn with replacement; ids e-0.., ts up to NOW − 1 s. */
    public static List<QualityEvent> window(Map<String, List<Object>> reference, int n, long seed) {
        return window(reference, n, seed, (index, features) -> { });
    }

    /** Changes the features of the event at {@code index} before it joins the window. */
    @FunctionalInterface
    public interface Plant {
        void apply(int index, Map<String, Object> features);
    }

    /** As {@link #window(Map, int, long)}, with every event's features handed to {@code plant} first. */
    public static List<QualityEvent> window(Map<String, List<Object>> reference, int n, long seed, Plant plant) {
        Random random = new Random(seed);
        int rows = reference.values().iterator().next().size();
        List<QualityEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int row = random.nextInt(rows);
            Map<String, Object> features = new HashMap<>();
            reference.forEach((name, values) -> features.put(name, values.get(row)));
            plant.apply(i, features);
            events.add(new QualityEvent("e-" + i, NOW - 1000 - (n - i), features));
        }
        return events;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
