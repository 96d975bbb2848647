package dev.recsys.modelbuilder;

import dev.recsys.modelbuilder.data.SyntheticSpec;
import dev.recsys.modelbuilder.simulate.ActivityLaw;
import dev.recsys.modelbuilder.simulate.ServingReference;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ModelBuilder#build(BuildOptions)} does. Create with {@link #builder(Path, String)}.
 *
 * @param dataDir   a MovieLens directory ({@code ratings.csv}, {@code movies.csv}), or null for synthetic data
 * @param synthetic size and seed of the synthetic data when {@code dataDir} is null
 * @param k         list length of the offline ranking metrics and of the reference profile
 * @param evalUsers at most this many held-out users are ranked for the metrics and the reference profile
 * @param log       where progress goes; null for silence
 * @param referenceSamples   requests described by {@code reference.json}
 * @param referenceColdShare share of them from new, unknown users
 */
public record BuildOptions(Path repository, String model, Path dataDir, SyntheticSpec synthetic, int factors,
                           int iterations, double regularization, double biasRegularization, long seed, int threads, int k, int evalUsers,
                           double testFraction, double relevanceThreshold, PrintStream log,
                           int referenceSamples, double referenceColdShare) {

    public static final String DEFAULT_MODEL = "movie-recs";

    public BuildOptions {
        Objects.requireNonNull(repository, "repository");
        if (model == null || !model.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("model name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (dataDir == null) {
            Objects.requireNonNull(synthetic, "synthetic (or dataDir)");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be in 1..1000");
        }
        if (evalUsers < 1) {
            throw new IllegalArgumentException("evalUsers must be at least 1");
        }
        if (referenceSamples < 1) {
            throw new IllegalArgumentException("reference samples must be at least 1");
        }
        if (!(referenceColdShare >= 0 && referenceColdShare < 1)) {
            throw new IllegalArgumentException("reference cold share must be in [0, 1)");
        }
    }

    public static Builder builder(Path repository, String model) {
        return new Builder(repository, model);
    }

    /** Defaults: synthetic default scale, 32 factors, 15 iterations, λ 8, λ_b 150, seed 42, all cores, k 10. */
    public static final class Builder {
        private final Path repository;
        private final String model;
        private Path dataDir;
        private SyntheticSpec synthetic;
        private int factors = 32;
        private int iterations = 15;
        private double regularization = 8;
        private double biasRegularization = 150;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int k = 10;
        private int evalUsers = 5_000;
        private double testFraction = 0.2;
        private double relevanceThreshold = 4.0;
        private PrintStream log;
        private int referenceSamples = ServingReference.DEFAULT_SAMPLES;
        private double referenceColdShare = ActivityLaw.DEFAULT_COLD_SHARE;

        private Builder(Path repository, String model) {
            this.repository = repository;
            this.model = model;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        /** Synthetic data of this size; its seed is used as given. */
        public Builder synthetic(SyntheticSpec value) {
            synthetic = value;
            return this;
        }

        /** Synthetic data of this size, seeded with the build seed. */
        public Builder synthetic(int users, int movies, long ratings) {
            synthetic = new SyntheticSpec(users, movies, ratings, seed);
            return this;
        }

        public Builder factors(int value) {
            factors = value;
            return this;
        }

        public Builder iterations(int value) {
            iterations = value;
            return this;
        }

        public Builder regularization(double value) {
            regularization = value;
            return this;
        }

        public Builder biasRegularization(double value) {
            biasRegularization = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder k(int value) {
            k = value;
            return this;
        }

        public Builder evalUsers(int value) {
            evalUsers = value;
            return this;
        }

        public Builder testFraction(double value) {
            testFraction = value;
            return this;
        }

        public Builder relevanceThreshold(double value) {
            relevanceThreshold = value;
            return this;
        }

        public Builder log(PrintStream value) {
            log = value;
            return this;
        }

        /** Requests sampled for {@code reference.json} (default 10,000). */
        public Builder referenceSamples(int value) {
            referenceSamples = value;
            return this;
        }

        /** Share of the reference's requests from new, unknown users (default 0.05, as the simulator's steady mix). */
        public Builder referenceColdShare(double value) {
            referenceColdShare = value;
            return this;
        }

        public BuildOptions build() {
            SyntheticSpec spec = synthetic != null ? synthetic : SyntheticSpec.scale("default", seed);
            return new BuildOptions(repository, model, dataDir, spec, factors, iterations, regularization,
                    biasRegularization, seed, threads, k, evalUsers, testFraction, relevanceThreshold, log,
                    referenceSamples, referenceColdShare);
        }
    }
}
