package dev.recsys.gateway.served;

import java.time.Instant;

/**
 * One recommendation list as it was served: items[i] at rank i + 1 with scores[i]; intraListDiversity
 * is the list's genre diversity (docs/statistics.md §7), null when its version's catalog is not known here.
 */
public record ServedList(String requestId, String model, String version, String experiment, String variant,
        long userId, Instant servedAt, Long[] items, Double[] scores, Double intraListDiversity) {
}
