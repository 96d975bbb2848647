package dev.recsys.modelbuilder.train;

/**
 * Training parameters of {@link AlsTrainer}.
 *
 * @param regularization     λ: each user's and item's factor vector is penalised by λ‖x‖²
 * @param biasRegularization λ_b: each user's and item's bias is penalised by λ_b·b² (acts like damping
 *                           a mean by λ_b pseudo-ratings)
 */
public record AlsOptions(int factors, int iterations, double regularization, double biasRegularization, long seed,
                         int threads) {

    public AlsOptions {
        if (factors < 1 || factors > 1024) {
            throw new IllegalArgumentException("factors must be in 1..1024");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        if (!(regularization > 0)) {
            throw new IllegalArgumentException("regularization must be positive");
        }
        if (!(biasRegularization > 0)) {
            throw new IllegalArgumentException("bias regularization must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }
}
