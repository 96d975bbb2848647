package dev.recsys.modelbuilder.train;

/** Solves symmetric positive-definite systems given by their lower triangle. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Solves {@code A x = b} for the d×d matrix whose lower triangle is in {@code a} (row-major);
     * {@code a} is overwritten by its Cholesky factor and {@code b} by x.
     */
    static void solveInPlace(double[] a, double[] b, int d) {
        for (int j = 0; j < d; j++) {
            int rj = j * d;
            double s = a[rj + j];
            for (int k = 0; k < j; k++) {
                s -= a[rj + k] * a[rj + k];
            }
            if (s <= 0) {
                throw new ArithmeticException("matrix is not positive definite");
            }
            double diag = Math.sqrt(s);
            a[rj + j] = diag;
            for (int i = j + 1; i < d; i++) {
                int ri = i * d;
                double t = a[ri + j];
                for (int k = 0; k < j; k++) {
                    t -= a[ri + k] * a[rj + k];
                }
                a[ri + j] = t / diag;
            }
        }
        // forward: L y = b
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            double t = b[i];
            for (int k = 0; k < i; k++) {
                t -= a[ri + k] * b[k];
            }
            b[i] = t / a[ri + i];
        }
        // backward: Lᵀ x = y
        for (int i = d - 1; i >= 0; i--) {
            double t = b[i];
            for (int k = i + 1; k < d; k++) {
                t -= a[k * d + i] * b[k];
            }
            b[i] = t / a[i * d + i];
        }
    }
}
