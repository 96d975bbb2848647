package dev.recsys.modelbuilder.train;

/**
 * Training parameters of {@link AlsTrainer}.
 *
 * @param regularization λ of the weighted-λ regularisation: each user's (item's) bias and factors are
 *                       penalised by λ · (its rating count) · ‖x‖²
 */
public record AlsOptions(int factors, int iterations, double regularization, long seed, int threads) {

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
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }
}
