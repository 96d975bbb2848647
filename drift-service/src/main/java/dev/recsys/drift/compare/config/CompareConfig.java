package dev.recsys.drift.compare.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Resource limits of {@code POST /api/v1/drift/compare} (docs/drift-statistics.md, "Limits"): the
 * endpoint is stateless and unauthenticated, so its memory and CPU are bounded per request and in
 * total, and the windowed monitor keeps running beside any mix of compare requests.
 */
@ConfigMapping(prefix = "drift.compare")
public interface CompareConfig {

    /** Array elements per request, reference and current together (nulls included); more is a 413. */
    @WithDefault("2000000")
    long maxValues();

    /** Distinct strings and booleans in one array (categories of one sample); more is a 413. */
    @WithDefault("100000")
    int maxCategories();

    /** Features per request (in reference, in current and in {@code features}); more is a 413. */
    @WithDefault("1000")
    int maxFeatures();

    /**
     * Lattice cells of exact KS p-values per request (see {@code ExactKsBudget}; 10⁸ cells take about
     * 2 s); a feature beyond it gets the asymptotic p-value, and its {@code details.exactSkipped} says so.
     */
    @WithDefault("100000000")
    long exactKsBudget();

    /** Comparisons computed at once; further requests wait for a turn. */
    @WithDefault("2")
    int maxConcurrent();

    /** How long a request waits for a turn before it is answered 503 with Retry-After. */
    @WithDefault("10s")
    Duration queueTimeout();
}
