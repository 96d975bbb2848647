package dev.recsys.modelbuilder.eval;

import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import dev.recsys.modelbuilder.train.Parallel;
import dev.recsys.modelbuilder.train.RatingSplit;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Offline quality on the held-out split (docs/statistics.md §5). RMSE and MAE cover every held-out rating;
 * ranking metrics rank all items the user did not rate in training (as the service does with
 * {@code excludeSeen}) and average over the evaluated users, each with at least one held-out rating.
 * A held-out rating ≥ the threshold makes the item relevant.
 */
public final class OfflineEvaluation {

    /** Mean ranking metrics at k. */
    public record Ranking(double precision, double recall, double ndcg) {
    }

    /** The list the model recommends to one evaluated user: item indices and scores, best first. */
    public record UserList(int user, int[] items, float[] scores) {
    }

    /**
     * The model's error and ranking metrics, the popularity baseline's ranking metrics, and the model's
     * list for each evaluated user (in the order of the users given).
     */
    public record Result(double rmse, double mae, Ranking model, Ranking popularity, int evaluatedUsers, int k,
                         UserList[] lists) {
    }

    private OfflineEvaluation() {
    }

    /**
     * Up to {@code max} users with at least one held-out rating, drawn reproducibly by seed, ascending.
     */
    public static int[] sampleUsers(RatingSplit split, int max, long seed) {
        int[] candidates = new int[split.users()];
        int n = 0;
        for (int u = 0; u < split.users(); u++) {
            if (split.testCount(u) > 0) {
                candidates[n++] = u;
            }
        }
        candidates = Arrays.copyOf(candidates, n);
        if (n > max) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < max; i++) {
                int j = i + random.nextInt(n - i);
                int t = candidates[i];
                candidates[i] = candidates[j];
                candidates[j] = t;
            }
            candidates = Arrays.copyOf(candidates, max);
            Arrays.sort(candidates);
        }
        return candidates;
    }

    /** The top k unseen items of a user by model score, best first, as the service serves with excludeSeen. */
    public static UserList recommend(RatingSplit split, ItemScorer scorer, int user, int k, float[] scratch) {
        scorer.scoreAll(user, scratch);
        int[] top = TopK.select(scratch, k, split.trainUserItems(), split.trainUserOffsets()[user],
                split.trainUserOffsets()[user + 1]);
        float[] scores = new float[top.length];
        for (int r = 0; r < top.length; r++) {
            scores[r] = scratch[top[r]];
        }
        return new UserList(user, top, scores);
    }

    /** Training rating count of each item: the popularity baseline's score. */
    public static float[] popularityScores(RatingSplit split) {
        float[] counts = new float[split.items()];
        int[] offsets = split.trainItemOffsets();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = offsets[i + 1] - offsets[i];
        }
        return counts;
    }

    public static Result evaluate(RatingSplit split, MatrixFactorization model, int[] users, int k,
                                  double relevanceThreshold, Parallel parallel) {
        double[] errors = errors(split, model);
        float[] popularity = popularityScores(split);
        ItemScorer scorer = new ItemScorer(model);
        UserList[] lists = new UserList[users.length];
        DoubleAdder[] sums = new DoubleAdder[6];
        Arrays.setAll(sums, i -> new DoubleAdder());
        int block = 32;
        parallel.forEachBlock((users.length + block - 1) / block, b -> {
            float[] scratch = new float[split.items()];
            double[] local = new double[6];
            for (int j = b * block; j < Math.min(users.length, (b + 1) * block); j++) {
                int u = users[j];
                int from = split.trainUserOffsets()[u];
                int to = split.trainUserOffsets()[u + 1];
                lists[j] = recommend(split, scorer, u, k, scratch);
                int[] byModel = lists[j].items();
                int[] byPopularity = TopK.select(popularity, k, split.trainUserItems(), from, to);
                int relevant = 0;
                for (int t = split.testUserOffsets()[u]; t < split.testUserOffsets()[u + 1]; t++) {
                    if (split.testUserRatings()[t] >= relevanceThreshold) {
                        relevant++;
                    }
                }
                add(local, 0, hits(split, u, byModel, relevanceThreshold), k, relevant);
                add(local, 3, hits(split, u, byPopularity, relevanceThreshold), k, relevant);
            }
            for (int i = 0; i < 6; i++) {
                sums[i].add(local[i]);
            }
        });
        double n = Math.max(1, users.length);
        return new Result(errors[0], errors[1],
                new Ranking(sums[0].sum() / n, sums[1].sum() / n, sums[2].sum() / n),
                new Ranking(sums[3].sum() / n, sums[4].sum() / n, sums[5].sum() / n), users.length, k, lists);
    }

    private static void add(double[] sums, int at, boolean[] hits, int k, int relevant) {
        sums[at] += RankingMetrics.precisionAtK(hits, k);
        sums[at + 1] += RankingMetrics.recallAtK(hits, k, relevant);
        sums[at + 2] += RankingMetrics.ndcgAtK(hits, k, relevant);
    }

    /** Whether each ranked item is a relevant held-out item of the user. */
    private static boolean[] hits(RatingSplit split, int user, int[] ranked, double threshold) {
        int from = split.testUserOffsets()[user];
        int to = split.testUserOffsets()[user + 1];
        boolean[] hits = new boolean[ranked.length];
        for (int r = 0; r < ranked.length; r++) {
            int pos = Arrays.binarySearch(split.testUserItems(), from, to, ranked[r]);
            hits[r] = pos >= 0 && split.testUserRatings()[pos] >= threshold;
        }
        return hits;
    }

    /** {RMSE, MAE} over every held-out rating; NaN when there are none. */
    private static double[] errors(RatingSplit split, MatrixFactorization model) {
        double sq = 0;
        double abs = 0;
        for (int u = 0; u < split.users(); u++) {
            for (int t = split.testUserOffsets()[u]; t < split.testUserOffsets()[u + 1]; t++) {
                double e = split.testUserRatings()[t] - model.score(u, split.testUserItems()[t]);
                sq += e * e;
                abs += Math.abs(e);
            }
        }
        int n = split.testCount();
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {Math.sqrt(sq / n), abs / n};
    }
}
