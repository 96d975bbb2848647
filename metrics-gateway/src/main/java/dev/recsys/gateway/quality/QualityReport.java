package dev.recsys.gateway.quality;

import java.util.Map;

/** Body of GET /api/v1/quality (docs/architecture.md §4); from and to in epoch ms, by feedback receipt time. */
public record QualityReport(String model, long from, long to, int k, QualityMetrics overall,
        Map<String, QualityMetrics> byVersion, Map<String, QualityMetrics> byVariant) {
}
