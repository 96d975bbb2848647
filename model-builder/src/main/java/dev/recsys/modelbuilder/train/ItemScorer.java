package dev.recsys.modelbuilder.train;

/**
 * Scores every item for one user. Keeps the item factors transposed (factor-major) so the inner loop
 * runs over items without a reduction, which the JIT turns into SIMD code; the sums are accumulated
 * factor by factor, in the same order as {@link MatrixFactorization#score(int, int)}.
 */
public final class ItemScorer {

    private final MatrixFactorization model;
    private final float[] itemFactorsT;

    public ItemScorer(MatrixFactorization model) {
        this.model = model;
        int items = model.items();
        int f = model.factors();
        this.itemFactorsT = new float[f * items];
        float[] q = model.itemFactors();
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < f; j++) {
                itemFactorsT[j * items + i] = q[i * f + j];
            }
        }
    }

    public MatrixFactorization model() {
        return model;
    }

    /** Scores of every item for the user into {@code out} (length ≥ items). */
    public void scoreAll(int user, float[] out) {
        int items = model.items();
        int f = model.factors();
        java.util.Arrays.fill(out, 0, items, 0f);
        float[] p = model.userFactors();
        for (int j = 0; j < f; j++) {
            float pj = p[user * f + j];
            int off = j * items;
            for (int i = 0; i < items; i++) {
                out[i] += pj * itemFactorsT[off + i];
            }
        }
        float base = model.globalMean() + model.userBias()[user];
        float[] itemBias = model.itemBias();
        for (int i = 0; i < items; i++) {
            out[i] = base + itemBias[i] + out[i];
        }
    }
}
