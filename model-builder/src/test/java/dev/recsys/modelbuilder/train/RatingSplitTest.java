package dev.recsys.modelbuilder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.modelbuilder.data.Dataset;
import dev.recsys.modelrepository.SeenItems;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RatingSplitTest {

    /** Catalog movie ids 100, 200, ... 1000 → item indices 0..9. */
    private static Dataset data(int[] users, int[] movies, float[] ratings, long[] times) {
        int[] movieIds = new int[10];
        Arrays.setAll(movieIds, i -> (i + 1) * 100);
        String[] titles = new String[10];
        Arrays.fill(titles, "T (2000)");
        String[] genres = new String[10];
        Arrays.fill(genres, "Drama");
        return new Dataset("test", movieIds, titles, genres, new int[10], users, movies, ratings, times, "x");
    }

    @Test
    void holdsOutEachUsersLatestFifthByTime() {
        // user 5: ten ratings given in shuffled time order; user 3: three ratings; user 9: one rating
        int[] users = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 3, 3, 3, 9};
        int[] movies = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 100, 200, 300, 500};
        float[] ratings = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 4.5f, 3.5f, 2.5f, 3};
        long[] times = {10, 20, 30, 40, 50, 60, 70, 1000, 5, 90, 3, 1, 2, 7};
        RatingSplit split = RatingSplit.split(data(users, movies, ratings, times), 0.2);

        // users are indexed by ascending id: 3 → 0, 5 → 1, 9 → 2
        assertArrayEquals(new int[] {3, 5, 9}, split.userIds());
        // user 5: round(10 × 0.2) = 2 held out, its two latest: movie 800 (t=1000) and 1000 (t=90)
        assertEquals(8, split.trainCount(1));
        assertArrayEquals(new int[] {7, 9}, Arrays.copyOfRange(split.testUserItems(), split.testUserOffsets()[1],
                split.testUserOffsets()[2]));
        assertArrayEquals(new float[] {3, 5}, Arrays.copyOfRange(split.testUserRatings(), split.testUserOffsets()[1],
                split.testUserOffsets()[2]));
        // user 3: round(0.6) = 1 held out, the latest: movie 100 (t=3)
        assertEquals(2, split.trainCount(0));
        assertEquals(0, split.testUserItems()[split.testUserOffsets()[0]]);
        assertEquals(4.5f, split.testUserRatings()[split.testUserOffsets()[0]]);
        // user 9: round(0.2) = 0 held out
        assertEquals(0, split.testCount(2));
        assertEquals(1, split.trainCount(2));

        SeenItems seen = split.seenItems();
        assertArrayEquals(new int[] {1, 2}, seen.itemsOf(0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 8}, seen.itemsOf(1));
        assertArrayEquals(new int[] {4}, seen.itemsOf(2));
        assertEquals(11, split.trainCount());
        assertEquals(3, split.testCount());
        // training mean: (1+2+3+4+5+1+2+4) + (3.5+2.5) + 3 = 22 + 6 + 3 = 31 over 11
        assertEquals(31.0 / 11, split.globalMean(), 1e-9);
        // item-major copy of the training ratings: item 4 (movie 500) rated by user 5 (5.0) and user 9 (3.0)
        int[] io = split.trainItemOffsets();
        assertArrayEquals(new int[] {1, 2}, Arrays.copyOfRange(split.trainItemUsers(), io[4], io[5]));
        assertArrayEquals(new float[] {5, 3}, Arrays.copyOfRange(split.trainItemRatings(), io[4], io[5]));
    }

    @Test
    void aMovieRatedTwiceKeepsTheLatestRatingOnly() {
        int[] users = {1, 1, 1, 1, 1};
        int[] movies = {100, 200, 100, 300, 400};
        float[] ratings = {1, 2, 5, 3, 4};
        long[] times = {1, 2, 3, 4, 5};
        RatingSplit split = RatingSplit.split(data(users, movies, ratings, times), 0.25);
        // 4 distinct movies; round(4 × 0.25) = 1 held out (movie 400)
        assertEquals(3, split.trainCount(0));
        assertArrayEquals(new int[] {0, 1, 2}, split.seenItems().itemsOf(0));
        assertEquals(5f, split.trainUserRatings()[0]);
        assertEquals(3, split.testUserItems()[0]);
    }
}
