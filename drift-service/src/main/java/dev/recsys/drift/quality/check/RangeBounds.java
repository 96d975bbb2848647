package dev.recsys.drift.quality.check;

/** Which reference interval a numerical value must fall in to be in range. */
public enum RangeBounds {
    /** The reference's [min, max]. */
    MIN_MAX,
    /** The reference's [lower quantile, upper quantile] (by default [q0.001, q0.999]). */
    QUANTILES
}
