package dev.recsys.modelbuilder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.modelrepository.ItemTable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDataGeneratorTest {

    private static final SyntheticSpec SPEC = new SyntheticSpec(300, 400, 15_000, 7);

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        Dataset a = SyntheticDataGenerator.generate(SPEC);
        Dataset b = SyntheticDataGenerator.generate(SPEC);
        Dataset c = SyntheticDataGenerator.generate(SPEC.withSeed(8));
        assertEquals(a.sha256(), b.sha256());
        assertArrayEquals(a.ratings(), b.ratings());
        assertNotEquals(a.sha256(), c.sha256());
        assertEquals(64, a.sha256().length());
    }

    @Test
    void sizesAndValuesAreMovieLensLike() {
        Dataset d = SyntheticDataGenerator.generate(SPEC);
        assertEquals(400, d.movieCount());
        assertEquals(15_000, d.ratingCount());
        assertEquals(300, Arrays.stream(d.userIds()).distinct().count());
        Set<Long> pairs = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < d.ratingCount(); i++) {
            float r = d.ratings()[i];
            assertTrue(r >= 0.5f && r <= 5f && r * 2 == Math.rint(r * 2), "half-star rating " + r);
            assertTrue(pairs.add(((long) d.userIds()[i] << 32) | d.ratingMovieIds()[i]), "no user rates a movie twice");
            sum += r;
        }
        double mean = sum / d.ratingCount();
        assertTrue(mean > 3.0 && mean < 4.0, "mean rating " + mean);
        for (int m = 0; m < d.movieCount(); m++) {
            assertEquals(d.years()[m], MovieLensReader.yearOf(d.titles()[m]), d.titles()[m]);
            assertTrue(d.titles()[m].matches(".+ \\(\\d{4}\\)"), d.titles()[m]);
            for (String g : ItemTable.splitGenres(d.genres()[m])) {
                assertTrue(Arrays.asList(SyntheticDataGenerator.GENRES).contains(g), g);
            }
        }
    }

    @Test
    void popularityIsLongTailed() {
        Dataset d = SyntheticDataGenerator.generate(new SyntheticSpec(1_000, 2_000, 100_000, 42));
        int[] counts = new int[d.movieCount() + 1];
        for (int m : d.ratingMovieIds()) {
            counts[m]++;
        }
        int[] sorted = Arrays.stream(counts).sorted().toArray();
        long top1Percent = 0;
        for (int i = sorted.length - 20; i < sorted.length; i++) {
            top1Percent += sorted[i];
        }
        // the top 1% of movies get far more than 1% of the ratings
        assertTrue(top1Percent > 0.05 * d.ratingCount(), "top 1% share " + top1Percent);
    }

    @Test
    void userCountsSumExactly() {
        int[] counts = SyntheticDataGenerator.userRatingCounts(new SyntheticSpec(50, 100, 1_234, 3),
                new java.util.SplittableRandom(1));
        assertEquals(1_234, Arrays.stream(counts).sum());
        assertTrue(Arrays.stream(counts).allMatch(c -> c >= 1 && c <= 50));
    }
}
