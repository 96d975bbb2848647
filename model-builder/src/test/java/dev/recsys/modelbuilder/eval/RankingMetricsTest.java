package dev.recsys.modelbuilder.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void listWithHitsAtRanksOneAndThree() {
        // top-5, relevant at ranks 1 and 3; the user has 4 relevant items in all
        boolean[] hits = {true, false, true, false, false};
        // precision@5 = 2 / 5
        assertEquals(0.4, RankingMetrics.precisionAtK(hits, 5), EPS);
        // recall@5 = 2 / 4
        assertEquals(0.5, RankingMetrics.recallAtK(hits, 5, 4), EPS);
        // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
        // IDCG (4 relevant, k = 5) = 1 + 1/log2(3) + 1/log2(4) + 1/log2(5) = 1 + 0.630930 + 0.5 + 0.430677 = 2.561606
        // NDCG = 1.5 / 2.561606 = 0.585570
        double idcg = 1 + 1 / log2(3) + 0.5 + 1 / log2(5);
        assertEquals(1.5 / idcg, RankingMetrics.ndcgAtK(hits, 5, 4), EPS);
        assertEquals(0.585570, RankingMetrics.ndcgAtK(hits, 5, 4), 1e-6);
    }

    @Test
    void idealDcgIsCappedAtK() {
        // 1 hit at rank 2 of a top-2 list; 10 relevant items, but the ideal list has only 2 slots:
        // DCG = 1/log2(3) = 0.630930; IDCG = 1 + 1/log2(3) = 1.630930; NDCG = 0.386853
        boolean[] hits = {false, true};
        assertEquals(0.386853, RankingMetrics.ndcgAtK(hits, 2, 10), 1e-6);
        // recall divides by every relevant item: 1 / 10
        assertEquals(0.1, RankingMetrics.recallAtK(hits, 2, 10), EPS);
    }

    @Test
    void perfectListScoresOne() {
        boolean[] hits = {true, true, true};
        assertEquals(1.0, RankingMetrics.ndcgAtK(hits, 3, 3), EPS);
        assertEquals(1.0, RankingMetrics.precisionAtK(hits, 3), EPS);
        assertEquals(1.0, RankingMetrics.recallAtK(hits, 3, 3), EPS);
    }

    @Test
    void shortListStillDividesPrecisionByK() {
        // only 2 items could be recommended, both relevant: precision@10 = 2 / 10
        assertEquals(0.2, RankingMetrics.precisionAtK(new boolean[] {true, true}, 10), EPS);
    }

    @Test
    void userWithoutRelevantItemsScoresZero() {
        boolean[] hits = {false, false};
        assertEquals(0.0, RankingMetrics.recallAtK(hits, 2, 0), EPS);
        assertEquals(0.0, RankingMetrics.ndcgAtK(hits, 2, 0), EPS);
    }

    @Test
    void topKSkipsExcludedItemsAndBreaksTiesByIndex() {
        float[] scores = {0.5f, 3f, 2f, 3f, 1f, 4f};
        // item 5 (4.0) is excluded; items 1 and 3 tie at 3.0 → lower index first
        assertArrayEquals(new int[] {1, 3, 2}, TopK.select(scores, 3, new int[] {0, 5}, 0, 2));
        assertArrayEquals(new int[] {5, 1, 3, 2, 4, 0}, TopK.select(scores, 10, new int[0], 0, 0));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
