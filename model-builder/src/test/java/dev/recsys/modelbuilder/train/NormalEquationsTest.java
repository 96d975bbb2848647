package dev.recsys.modelbuilder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalEquationsTest {

    private static NormalEquations filled(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] factors = new float[n * (d - 1)];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) r.nextGaussian();
        }
        NormalEquations eq = new NormalEquations(d);
        eq.reset(n);
        for (int row = 0; row < n; row++) {
            eq.setRow(row, factors, row * (d - 1), r.nextGaussian() * 2);
        }
        return eq;
    }

    @Test
    void dualAndPrimalGiveTheSameSolutionWithFewRatings() {
        for (int n : new int[] {1, 3, 8}) {
            double[] dual = filled(n, 9, n).solveDual(7.0, 0.8).clone();
            double[] primal = filled(n, 9, n).solvePrimal(7.0, 0.8).clone();
            for (int j = 0; j < 9; j++) {
                assertEquals(primal[j], dual[j], 1e-5 * (1 + Math.abs(primal[j])), "n=" + n + " x" + j);
            }
        }
    }

    @Test
    void primalSolvesARidgeProblemByHand() {
        // two rows [1, 1] and [1, 2] (bias column + one factor), targets 1 and 2, λ_b = 1, λ = 1:
        // ZᵀZ + Λ = [[2+1, 3], [3, 5+1]] = [[3, 3], [3, 6]], Zᵀt = [3, 5]
        // det = 18 - 9 = 9; x = (1/9)·[[6, -3], [-3, 3]]·[3, 5] = (1/9)·[3, 6] = [1/3, 2/3]
        NormalEquations eq = new NormalEquations(2);
        eq.reset(2);
        eq.setRow(0, new float[] {1f}, 0, 1);
        eq.setRow(1, new float[] {2f}, 0, 2);
        double[] x = eq.solve(1, 1);
        assertEquals(1.0 / 3, x[0], 1e-6);
        assertEquals(2.0 / 3, x[1], 1e-6);
    }
}
