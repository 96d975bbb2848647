package dev.recsys.modelbuilder.data;

import java.util.Locale;

/** Size and seed of a synthetic MovieLens-like data set. */
public record SyntheticSpec(int users, int movies, long ratings, long seed) {

    public SyntheticSpec {
        if (users < 1 || movies < 2 || ratings < users) {
            throw new IllegalArgumentException("synthetic data needs users >= 1, movies >= 2, ratings >= users");
        }
        if (ratings > (long) users * movies / 2) {
            throw new IllegalArgumentException("ratings must be at most users * movies / 2");
        }
        if (ratings > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " ratings");
        }
    }

    /**
     * A named size: {@code default} 1k users, 2k movies, 100k ratings; {@code medium} 10k, 10k, 1M;
     * {@code large} 100k, 45k, 10M; {@code bench} 100k, 45k, 2M (a large catalog and user base that
     * trains in a fraction of the time, for serving benchmarks).
     */
    public static SyntheticSpec scale(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default", "small" -> new SyntheticSpec(1_000, 2_000, 100_000, seed);
            case "medium" -> new SyntheticSpec(10_000, 10_000, 1_000_000, seed);
            case "large" -> new SyntheticSpec(100_000, 45_000, 10_000_000, seed);
            case "bench" -> new SyntheticSpec(100_000, 45_000, 2_000_000, seed);
            default -> throw new IllegalArgumentException("unknown scale '" + name + "' (default, medium, large, bench)");
        };
    }

    public SyntheticSpec withSeed(long newSeed) {
        return new SyntheticSpec(users, movies, ratings, newSeed);
    }
}
