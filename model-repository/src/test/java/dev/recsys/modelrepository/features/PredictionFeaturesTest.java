package dev.recsys.modelrepository.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.UserTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionFeaturesTest {

    // four movies; popularity = count / 40
    private final ItemTable items = new ItemTable(new int[] {10, 20, 30, 40},
            new String[] {"A (1990)", "B (1991)", "C (1992)", "D (1993)"},
            new String[] {"Drama|Comedy", "Comedy", "Drama|War", "(no genres listed)"},
            new int[] {1990, 1991, 1992, 1993}, new int[] {40, 20, 10, 4},
            new float[] {4f, 3.5f, 3f, 2f}, new float[] {1f, 0.5f, 0.25f, 0.1f});
    private final UserTable users = new UserTable(new int[] {7, 8, 9}, new int[] {19, 57, 100},
            new double[] {3.25, 3.6, 4.0});
    private final PredictionFeatures features = new PredictionFeatures(items);

    @Test
    void knownUserList() {
        Map<String, Object> f = features.compute(users, 1, new int[] {0, 2, 1}, new float[] {4.5f, 4.0f, 3.5f}, 3);
        assertEquals(PredictionFeatures.NAMES, List.copyOf(f.keySet()));
        assertEquals(57, f.get("user_rating_count"));
        assertEquals((double) 3.6f, f.get("user_mean_rating"), "float32 precision");
        assertEquals("casual", f.get("user_segment"));
        // (4.5 + 4.0 + 3.5) / 3 = 4.0
        assertEquals(4.0, (double) f.get("rec_mean_score"), 1e-12);
        assertEquals(4.5, (double) f.get("rec_top_score"), 1e-12);
        // (1 + 0.25 + 0.5) / 3 = 0.583333
        assertEquals(1.75 / 3, (double) f.get("rec_mean_popularity"), 1e-7);
        // Drama 2 (items 0, 2), Comedy 2 (items 0, 1), War 1: tie → alphabetically first
        assertEquals("Comedy", f.get("rec_top_genre"));
    }

    @Test
    void onlyTheFirstCountItemsCount() {
        Map<String, Object> f = features.compute(users, 0, new int[] {2, 0, 1}, new float[] {5f, 4f, 1f}, 2);
        assertEquals("light", f.get("user_segment"));
        assertEquals(4.5, (double) f.get("rec_mean_score"), 1e-12);
        // Drama 2 beats Comedy 1 and War 1
        assertEquals("Drama", f.get("rec_top_genre"));
    }

    @Test
    void coldUser() {
        Map<String, Object> f = features.compute(users, -1, new int[] {3, 1}, new float[] {3.0f, 2.0f}, 2);
        assertEquals(0, f.get("user_rating_count"));
        assertNull(f.get("user_mean_rating"));
        assertEquals("cold", f.get("user_segment"));
        assertEquals(3.0, (double) f.get("rec_top_score"), 1e-12);
        // movie 40 has no genres, so Comedy is the only one
        assertEquals("Comedy", f.get("rec_top_genre"));
    }

    @Test
    void segmentsAndDoubleScores() {
        Map<String, Object> f = features.compute(100, 4.0, new int[] {3}, new double[] {2.25}, 1);
        assertEquals("heavy", f.get("user_segment"));
        assertEquals(2.25, f.get("rec_mean_score"));
        assertEquals(0.1f, ((Double) f.get("rec_mean_popularity")).floatValue());
        assertNull(f.get("rec_top_genre"));
        assertEquals("light", PredictionFeatures.segment(true, 0));
        assertEquals("casual", PredictionFeatures.segment(true, 20));
        assertEquals("casual", PredictionFeatures.segment(true, 99));
    }

    @Test
    void emptyList() {
        Map<String, Object> f = features.compute(users, 2, new int[0], new float[0], 0);
        assertEquals("heavy", f.get("user_segment"));
        assertNull(f.get("rec_mean_score"));
        assertNull(f.get("rec_top_genre"));
    }

    @Test
    void everyFractionalFeatureHasFloat32PrecisionSoCachedAndReferenceValuesAgreeBitForBit() {
        float[] scores = {4.1234567f, 3.9876543f, 3.3333333f};
        Map<String, Object> served = features.compute(users, 1, new int[] {0, 2, 1}, scores, 3);
        // a cached list keeps its scores as text (Float.toString) and parses them back
        double[] cached = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            cached[i] = Float.parseFloat(Float.toString(scores[i]));
        }
        Map<String, Object> fromCache = features.compute(57, 3.6, new int[] {0, 2, 1}, cached, 3);
        assertEquals(served, fromCache);
        for (String name : List.of("user_mean_rating", "rec_mean_score", "rec_top_score", "rec_mean_popularity")) {
            double v = (Double) served.get(name);
            assertEquals(v, (double) (float) v, 0.0, name + " is a float32 value");
        }
    }
}
