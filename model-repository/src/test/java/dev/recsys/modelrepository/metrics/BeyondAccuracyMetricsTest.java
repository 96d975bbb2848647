package dev.recsys.modelrepository.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeyondAccuracyMetricsTest {

    private static final double EPS = 1e-12;

    /**
     * Movies 10 (Action|Comedy, 4 training ratings), 20 (Action, 2), 30 (Drama, 1), 40 (no genres, 0),
     * 50 (Comedy|Drama, 1): 8 training ratings in all.
     */
    static ItemTable catalog() {
        return new ItemTable(new int[] {10, 20, 30, 40, 50}, new String[] {"a", "b", "c", "d", "e"},
                new String[] {"Action|Comedy", "Action", "Drama", ItemTable.NO_GENRES, "Comedy|Drama"},
                new int[5], new int[] {4, 2, 1, 0, 1}, new float[5], new float[5]);
    }

    @Test
    void handComputedLists() {
        ItemTable catalog = catalog();
        // lists of movies [10, 20, 30], [10, 20] and [50]
        ModelCard.BeyondAccuracy m = new BeyondAccuracyMetrics().addList(catalog, new int[] {0, 1, 2})
                .addList(catalog, new int[] {0, 1}).addList(catalog, new int[] {4}).result();
        assertEquals(3, m.lists());
        assertEquals(6, m.slots());
        assertEquals(4, m.uniqueItems());
        assertEquals(4 / 5.0, m.catalogCoverage(), EPS);
        // [10,20,30]: Jaccard 1/2, 0, 0 -> 1 - 1/6; [10,20]: 1 - 1/2; [50] has no pair and is left out
        assertEquals((5 / 6.0 + 1 / 2.0) / 2, m.intraListDiversity(), EPS);
        // p = 4/8, 2/8, 1/8, 1/8 -> 1, 2, 3, 3 bits; slots: 10 twice, 20 twice, 30 once, 50 once
        assertEquals((2 * 1 + 2 * 2 + 3 + 3) / 6.0, m.novelty(), EPS);
        // exposure 0, 1, 1, 2, 2 (movie 40 never served): (-4*0 - 2*1 + 0*1 + 2*2 + 4*2) / (5 * 6)
        assertEquals(1 / 3.0, m.popularityGini(), EPS);
        // Action 1 + 2, Comedy 1 + 1/2, Drama 1 + 1/2 over 6 slots
        assertEquals(Map.of("Action", 0.5, "Comedy", 0.25, "Drama", 0.25), m.genreShare());
    }

    @Test
    void itemWithoutTrainingRatingsHasTheFlooredPopularity() {
        ItemTable catalog = catalog();
        ModelCard.BeyondAccuracy m = new BeyondAccuracyMetrics().addList(catalog, new int[] {3, 3}).result();
        // p floored at 1 / (8 + 1); two items without genres are identical
        assertEquals(Math.log(9) / Math.log(2), m.novelty(), EPS);
        assertEquals(0, m.intraListDiversity(), EPS);
        assertEquals(Map.of(ItemTable.NO_GENRES, 1.0), m.genreShare());
        // all exposure on one of five items: (n - 1) / n
        assertEquals(4 / 5.0, m.popularityGini(), EPS);
        assertEquals(1, m.uniqueItems());
    }

    @Test
    void equalExposureHasGiniZeroAndNothingServedIsUndefined() {
        ItemTable catalog = catalog();
        BeyondAccuracyMetrics all = new BeyondAccuracyMetrics();
        for (int i = 0; i < 5; i++) {
            all.addList(catalog, new int[] {i});
        }
        assertEquals(0, all.result().popularityGini(), EPS);
        assertEquals(1, all.result().catalogCoverage(), EPS);
        assertNull(all.result().intraListDiversity());

        ModelCard.BeyondAccuracy none = new BeyondAccuracyMetrics().addLists(0).result();
        assertNull(none.catalogCoverage());
        assertNull(none.novelty());
        assertNull(none.popularityGini());
        assertEquals(0, none.uniqueItems());
    }

    @Test
    void twoCatalogsAreJoinedByMovieIdAndKeepTheirOwnPopularity() {
        ItemTable first = catalog();
        // a later version: movie 60 added, movie 10 now has 8 of 16 ratings, 60 has 4
        ItemTable second = new ItemTable(new int[] {10, 20, 30, 40, 50, 60}, new String[6],
                new String[] {"Action|Comedy", "Action", "Drama", ItemTable.NO_GENRES, "Comedy|Drama", "Drama"},
                new int[6], new int[] {8, 2, 1, 0, 1, 4}, new float[6], new float[6]);
        ModelCard.BeyondAccuracy m = new BeyondAccuracyMetrics().addList(first, new int[] {0})
                .addList(second, new int[] {0}).addList(second, new int[] {5}).result();
        assertEquals(3 / 3.0 * 2 / 6, m.catalogCoverage(), EPS); // movies 10 and 60 of six
        assertEquals(2, m.uniqueItems());
        // 10 in the first: 4/8 -> 1 bit; 10 in the second: 8/16 -> 1 bit; 60: 4/16 -> 2 bits
        assertEquals(4 / 3.0, m.novelty(), EPS);
    }
}
