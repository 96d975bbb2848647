package dev.recsys.modelbuilder.train;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Trains a biased matrix factorisation by alternating least squares: with the item side fixed, each
 * user's bias and factors are the exact ridge solution of its ratings (and vice versa), solved by
 * Cholesky in parallel over users (items). The objective is
 * Σ (r − μ − b_u − b_i − p_u·q_i)² + λ (Σ‖p_u‖² + Σ‖q_i‖²) + λ_b (Σ b_u² + Σ b_i²): the penalties are
 * per row, not per rating, so rows with few ratings are shrunk hardest. That keeps movies with a handful
 * of lucky ratings out of the top of the lists, which matters more for ranking than for RMSE.
 */
public final class AlsTrainer {

    /** Per-iteration progress. */
    @FunctionalInterface
    public interface Progress {
        void iteration(int iteration, double loss, double trainRmse, double testRmse, double seconds);
    }

    private static final int BLOCK = 64;

    private AlsTrainer() {
    }

    public static MatrixFactorization train(RatingSplit split, AlsOptions options, Progress progress) {
        int nUsers = split.users();
        int nItems = split.items();
        int f = options.factors();
        float mean = (float) split.globalMean();
        SplittableRandom random = new SplittableRandom(options.seed());
        float[] userBias = new float[nUsers];
        float[] itemBias = new float[nItems];
        float[] p = new float[nUsers * f];
        float[] q = new float[nItems * f];
        double scale = 0.1 / Math.sqrt(f);
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) (random.nextGaussian() * scale);
        }
        double lambda = options.regularization();
        double biasLambda = options.biasRegularization();
        long start = System.nanoTime();
        try (Parallel parallel = new Parallel(options.threads())) {
            for (int it = 1; it <= options.iterations(); it++) {
                solveSide(parallel, nUsers, f, lambda, biasLambda, mean, split.trainUserOffsets(), split.trainUserItems(),
                        split.trainUserRatings(), itemBias, q, userBias, p);
                solveSide(parallel, nItems, f, lambda, biasLambda, mean, split.trainItemOffsets(), split.trainItemUsers(),
                        split.trainItemRatings(), userBias, p, itemBias, q);
                MatrixFactorization model = new MatrixFactorization(nUsers, nItems, f, mean, userBias, itemBias, p, q);
                if (progress != null) {
                    double[] train = trainError(parallel, split, model, lambda, biasLambda);
                    progress.iteration(it, train[1], train[0], testRmse(parallel, split, model),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        return new MatrixFactorization(nUsers, nItems, f, mean, userBias, itemBias, p, q);
    }

    /**
     * Solves every row of one side: for row r with ratings of columns c, minimise
     * Σ (rating − mean − colBias[c] − x·[1, colFactors[c]])² + λ_b·x₀² + λ·‖x₁..‖² over x = [rowBias[r], rowFactors[r]].
     */
    private static void solveSide(Parallel parallel, int rows, int f, double lambda, double biasLambda, float mean,
                                  int[] offsets, int[] cols, float[] ratings, float[] colBias, float[] colFactors,
                                  float[] rowBias, float[] rowFactors) {
        int d = f + 1;
        int blocks = (rows + BLOCK - 1) / BLOCK;
        parallel.forEachBlock(blocks, block -> {
            NormalEquations eq = new NormalEquations(d);
            int end = Math.min(rows, (block + 1) * BLOCK);
            for (int r = block * BLOCK; r < end; r++) {
                int n = offsets[r + 1] - offsets[r];
                if (n == 0) {
                    // nothing known about this row: the regularised solution is zero
                    rowBias[r] = 0;
                    java.util.Arrays.fill(rowFactors, r * f, (r + 1) * f, 0f);
                    continue;
                }
                eq.reset(n);
                for (int k = offsets[r], row = 0; k < offsets[r + 1]; k++, row++) {
                    int c = cols[k];
                    eq.setRow(row, colFactors, c * f, ratings[k] - mean - colBias[c]);
                }
                double[] x = eq.solve(biasLambda, lambda);
                rowBias[r] = (float) x[0];
                for (int j = 0; j < f; j++) {
                    rowFactors[r * f + j] = (float) x[j + 1];
                }
            }
        });
    }

    /** {training RMSE, regularised loss per training rating}. */
    private static double[] trainError(Parallel parallel, RatingSplit split, MatrixFactorization model, double lambda,
                                       double biasLambda) {
        DoubleAdder squared = new DoubleAdder();
        DoubleAdder penalty = new DoubleAdder();
        int users = split.users();
        int f = model.factors();
        int[] offsets = split.trainUserOffsets();
        int[] items = split.trainUserItems();
        float[] ratings = split.trainUserRatings();
        parallel.forEachBlock((users + BLOCK - 1) / BLOCK, block -> {
            double sq = 0;
            double pen = 0;
            for (int u = block * BLOCK; u < Math.min(users, (block + 1) * BLOCK); u++) {
                for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                    double e = ratings[k] - model.score(u, items[k]);
                    sq += e * e;
                }
                pen += penalty(model.userBias()[u], model.userFactors(), u, f, lambda, biasLambda);
            }
            squared.add(sq);
            penalty.add(pen);
        });
        double itemPenalty = 0;
        for (int i = 0; i < split.items(); i++) {
            itemPenalty += penalty(model.itemBias()[i], model.itemFactors(), i, f, lambda, biasLambda);
        }
        int n = Math.max(1, split.trainCount());
        double sq = squared.sum();
        return new double[] {Math.sqrt(sq / n), (sq + penalty.sum() + itemPenalty) / n};
    }

    private static double penalty(float bias, float[] factors, int row, int f, double lambda, double biasLambda) {
        double s = 0;
        for (int j = row * f; j < (row + 1) * f; j++) {
            s += factors[j] * factors[j];
        }
        return lambda * s + biasLambda * bias * bias;
    }

    /** RMSE of the model on the held-out ratings (NaN when there are none). */
    public static double testRmse(Parallel parallel, RatingSplit split, MatrixFactorization model) {
        DoubleAdder squared = new DoubleAdder();
        int users = split.users();
        int[] offsets = split.testUserOffsets();
        int[] items = split.testUserItems();
        float[] ratings = split.testUserRatings();
        parallel.forEachBlock((users + BLOCK - 1) / BLOCK, block -> {
            double sq = 0;
            for (int u = block * BLOCK; u < Math.min(users, (block + 1) * BLOCK); u++) {
                for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                    double e = ratings[k] - model.score(u, items[k]);
                    sq += e * e;
                }
            }
            squared.add(sq);
        });
        return split.testCount() == 0 ? Double.NaN : Math.sqrt(squared.sum() / split.testCount());
    }
}
