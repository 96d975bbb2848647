package dev.recsys.drift.engine;

/** First Wasserstein distance between two empirical distributions, as {@code scipy.stats.wasserstein_distance}. */
public final class Wasserstein {

    private Wasserstein() {
    }

    /**
     * W1 = area between the two empirical CDFs: Σ |F_u(x_k) − F_v(x_k)|·(x_{k+1} − x_k) over the
     * sorted pooled values, in one merge pass over two sorted, non-empty samples.
     */
    public static double distance(double[] sortedU, double[] sortedV) {
        int n1 = sortedU.length;
        int n2 = sortedV.length;
        int i = 0;
        int j = 0;
        double total = 0.0;
        double x = Math.min(sortedU[0], sortedV[0]);
        while (true) {
            while (i < n1 && sortedU[i] <= x) {
                i++;
            }
            while (j < n2 && sortedV[j] <= x) {
                j++;
            }
            if (i == n1 && j == n2) {
                return total;
            }
            double next = j >= n2 || (i < n1 && sortedU[i] <= sortedV[j]) ? sortedU[i] : sortedV[j];
            total += Math.abs((double) i / n1 - (double) j / n2) * (next - x);
            x = next;
        }
    }
}
