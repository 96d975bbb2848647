package dev.recsys.drift.monitor.history;

import java.util.Map;

/**
 * The evaluations of one {@code step} of a long period, counted in SQL so that a week of windows
 * is a few hundred rows: how many there were, how many found dataset drift, the largest drifted
 * share, and per feature how many windows found it drifted (features never drifted are left out).
 */
public record VerdictBucket(long windowStart, long windowEnd, long evaluations, long drifted, Double maxShare,
                            Map<String, Long> driftedFeatures) {
}
