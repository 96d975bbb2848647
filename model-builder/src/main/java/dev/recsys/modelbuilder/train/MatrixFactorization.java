package dev.recsys.modelbuilder.train;

/**
 * A biased matrix-factorisation model: {@code score(u, i) = globalMean + userBias[u] + itemBias[i] + P[u]·Q[i]},
 * factors stored row-major ({@code P[u*factors + f]}).
 */
public record MatrixFactorization(int users, int items, int factors, float globalMean, float[] userBias,
                                  float[] itemBias, float[] userFactors, float[] itemFactors) {

    public MatrixFactorization {
        if (userBias.length != users || itemBias.length != items || userFactors.length != users * factors
                || itemFactors.length != items * factors) {
            throw new IllegalArgumentException("model arrays do not match users, items, factors");
        }
    }

    public double score(int user, int item) {
        int pu = user * factors;
        int qi = item * factors;
        float dot = 0;
        for (int f = 0; f < factors; f++) {
            dot += userFactors[pu + f] * itemFactors[qi + f];
        }
        return globalMean + userBias[user] + itemBias[item] + dot;
    }
}
