package dev.recsys.drift.monitor;

/** Smallest and largest value over one or more samples; {@code +inf, -inf} when all are empty. */
public record ValueRange(double min, double max) {

    public static ValueRange of(double[]... samples) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] sample : samples) {
            for (double v : sample) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new ValueRange(min, max);
    }

    public double width() {
        return max - min;
    }
}
