package dev.recsys.modelbuilder.eval;

/**
 * Ranking metrics of one list with binary relevance (docs/statistics.md §5). {@code hits[r]} tells whether
 * the item at rank r + 1 is relevant; {@code relevant} is how many relevant items the user has in all.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** |relevant ∩ top-k| / k. */
    public static double precisionAtK(boolean[] hits, int k) {
        return countHits(hits, k) / (double) k;
    }

    /** |relevant ∩ top-k| / |relevant|; 0 when the user has no relevant item. */
    public static double recallAtK(boolean[] hits, int k, int relevant) {
        return relevant == 0 ? 0 : countHits(hits, k) / (double) relevant;
    }

    /** DCG@k / ideal DCG@k with gains 1 and discounts 1/log2(rank + 1); 0 when the user has no relevant item. */
    public static double ndcgAtK(boolean[] hits, int k, int relevant) {
        if (relevant == 0) {
            return 0;
        }
        double dcg = 0;
        for (int r = 0; r < Math.min(k, hits.length); r++) {
            if (hits[r]) {
                dcg += discount(r + 1);
            }
        }
        double ideal = 0;
        for (int r = 1; r <= Math.min(k, relevant); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    private static double discount(int rank) {
        return 1.0 / (Math.log(rank + 1) / Math.log(2));
    }

    private static int countHits(boolean[] hits, int k) {
        int n = 0;
        for (int r = 0; r < Math.min(k, hits.length); r++) {
            if (hits[r]) {
                n++;
            }
        }
        return n;
    }
}
