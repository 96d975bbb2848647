package dev.recsys.modelbuilder.train;

import java.util.Arrays;

/**
 * The ridge least-squares problem of one ALS row: rows z = [1, factors] with targets t, solve
 * (ZᵀZ + Λ) x = Zᵀt with Λ = diag(λ_b, λ, …, λ). With at least as many ratings as unknowns it solves
 * these d×d normal equations: the Gram matrix is accumulated in float four rows at a time (upper
 * triangle, row-major) so the inner loops vectorise, and factorised by Cholesky in double. With fewer
 * ratings (n < d, most users and items of a long tail) it solves the equivalent n×n dual system
 * x = Λ^-1 Zᵀ (Z Λ^-1 Zᵀ + I)^-1 t, which costs O(n²d) instead of O(nd² + d³).
 * One instance per thread; reused across rows.
 */
final class NormalEquations {

    private final int d;
    private float[] z = new float[0];
    private float[] t = new float[0];
    private final float[] gram;
    private final double[] a;
    private final double[] x;
    private double[] dual = new double[0];
    private double[] alpha = new double[0];
    private int n;

    NormalEquations(int d) {
        this.d = d;
        this.gram = new float[d * d];
        this.a = new double[d * d];
        this.x = new double[d];
    }

    void reset(int rows) {
        n = rows;
        if (z.length < rows * d) {
            z = new float[Math.max(rows, 64) * d];
            t = new float[Math.max(rows, 64)];
        }
    }

    /** Row {@code row}: [1, factors[from .. from + d - 1)], target. */
    void setRow(int row, float[] factors, int from, double target) {
        int off = row * d;
        z[off] = 1f;
        System.arraycopy(factors, from, z, off + 1, d - 1);
        t[row] = (float) target;
    }

    /** Solves the system; the returned array is reused by the next call. */
    double[] solve(double biasLambda, double lambda) {
        return n < d ? solveDual(biasLambda, lambda) : solvePrimal(biasLambda, lambda);
    }

    /** The normal equations, d×d. */
    double[] solvePrimal(double biasLambda, double lambda) {
        accumulateGram();
        // right-hand side Zᵀt in double
        Arrays.fill(x, 0);
        for (int r = 0; r < n; r++) {
            double tr = t[r];
            int off = r * d;
            for (int j = 0; j < d; j++) {
                x[j] += tr * z[off + j];
            }
        }
        for (int j = 0; j < d; j++) {
            int row = j * d;
            for (int l = j; l < d; l++) {
                a[row + l] = gram[row + l];
            }
            a[row + j] += j == 0 ? biasLambda : lambda;
        }
        choleskySolve(a, x, d);
        return x;
    }

    /**
     * The dual, n×n: with Λ^-1 = diag(1/λ_b, 1/λ, …), K = Z Λ^-1 Zᵀ + I, K α = t, x = Λ^-1 Zᵀ α.
     * K[i][j] = (z_i·z_j over the factors) / λ + 1/λ_b, as the bias column of z is 1.
     */
    double[] solveDual(double biasLambda, double lambda) {
        if (dual.length < n * n) {
            dual = new double[d * d];
            alpha = new double[d];
        }
        double invLambda = 1 / lambda;
        double invBias = 1 / biasLambda;
        for (int i = 0; i < n; i++) {
            int zi = i * d;
            int row = i * n;
            for (int j = i; j < n; j++) {
                int zj = j * d;
                double dot = 0;
                for (int l = 1; l < d; l++) {
                    dot += z[zi + l] * z[zj + l];
                }
                dual[row + j] = dot * invLambda + invBias;
            }
            dual[row + i] += 1;
            alpha[i] = t[i];
        }
        choleskySolve(dual, alpha, n);
        double sum = 0;
        Arrays.fill(x, 0);
        for (int i = 0; i < n; i++) {
            double ai = alpha[i];
            sum += ai;
            int zi = i * d;
            for (int l = 1; l < d; l++) {
                x[l] += ai * z[zi + l];
            }
        }
        x[0] = sum * invBias;
        for (int l = 1; l < d; l++) {
            x[l] *= invLambda;
        }
        return x;
    }

    private void accumulateGram() {
        Arrays.fill(gram, 0f);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            int z0 = r * d;
            int z1 = z0 + d;
            int z2 = z1 + d;
            int z3 = z2 + d;
            for (int j = 0; j < d; j++) {
                float a0 = z[z0 + j];
                float a1 = z[z1 + j];
                float a2 = z[z2 + j];
                float a3 = z[z3 + j];
                int row = j * d;
                for (int l = j; l < d; l++) {
                    gram[row + l] += a0 * z[z0 + l] + a1 * z[z1 + l] + a2 * z[z2 + l] + a3 * z[z3 + l];
                }
            }
        }
        for (; r < n; r++) {
            int z0 = r * d;
            for (int j = 0; j < d; j++) {
                float a0 = z[z0 + j];
                int row = j * d;
                for (int l = j; l < d; l++) {
                    gram[row + l] += a0 * z[z0 + l];
                }
            }
        }
    }

    /**
     * Solves a·x = b for the m×m symmetric positive-definite matrix whose upper triangle is in {@code a}
     * (row stride m): factorises a = UᵀU in place (right-looking, so inner loops run along rows), then
     * overwrites b with x.
     */
    static void choleskySolve(double[] a, double[] x, int d) {
        for (int j = 0; j < d; j++) {
            int rj = j * d;
            double diag = a[rj + j];
            if (!(diag > 0)) {
                throw new ArithmeticException("normal equations are not positive definite");
            }
            diag = Math.sqrt(diag);
            a[rj + j] = diag;
            double inv = 1 / diag;
            for (int i = j + 1; i < d; i++) {
                a[rj + i] *= inv;
            }
            for (int k = j + 1; k < d; k++) {
                double ajk = a[rj + k];
                int rk = k * d;
                for (int i = k; i < d; i++) {
                    a[rk + i] -= ajk * a[rj + i];
                }
            }
        }
        // Uᵀ y = b, column by column
        for (int k = 0; k < d; k++) {
            int rk = k * d;
            double yk = x[k] / a[rk + k];
            x[k] = yk;
            for (int i = k + 1; i < d; i++) {
                x[i] -= a[rk + i] * yk;
            }
        }
        // U x = y
        for (int i = d - 1; i >= 0; i--) {
            int ri = i * d;
            double s = x[i];
            for (int k = i + 1; k < d; k++) {
                s -= a[ri + k] * x[k];
            }
            x[i] = s / a[ri + i];
        }
    }
}
