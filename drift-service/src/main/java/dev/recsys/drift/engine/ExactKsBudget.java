package dev.recsys.drift.engine;

/**
 * The exact Kolmogorov–Smirnov p-values one comparison may pay for, in lattice cells of SciPy's
 * exact method (n for equal sample sizes, max(n₁, n₂) · (2·D·min(n₁, n₂) + 1) otherwise; about
 * 20 ns a cell). A feature whose exact p-value costs more than what is left gets the asymptotic
 * one, and its {@code details} say so. Spent in feature order; one budget per comparison, not
 * shared between threads.
 */
public final class ExactKsBudget {

    private long remaining;

    public ExactKsBudget(long cells) {
        if (cells < 0) {
            throw new IllegalArgumentException("exact-KS budget must be ≥ 0, got " + cells);
        }
        this.remaining = cells;
    }

    /** No cap: SciPy's rule alone decides (the monitor and the CLI). */
    public static ExactKsBudget unlimited() {
        return new ExactKsBudget(Long.MAX_VALUE);
    }

    /** Cells left for later features. */
    public long remaining() {
        return remaining;
    }

    /** Takes {@code cost} cells when that many are left. */
    boolean spend(long cost) {
        if (cost > remaining) {
            return false;
        }
        remaining -= cost;
        return true;
    }
}
