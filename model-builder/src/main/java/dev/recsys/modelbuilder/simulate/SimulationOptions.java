package dev.recsys.modelbuilder.simulate;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@link TrafficSimulator} does. Defaults in {@code cli/SimulateCommand} and docs/model-builder.md.
 *
 * @param feedbackPerList mean feedback events per served list (Poisson); 0.3 keeps the seed-002 mix of
 *                        50 recommendation to 15 feedback requests
 * @param feedbackDelay   mean of the exponential delay between a served list and each of its feedback events
 * @param dataDir         MovieLens files of a model trained on real data; null = the card's own data source
 */
public record SimulationOptions(Path repository, String model, URI recommender, URI gateway, URI management,
                                Duration duration, int users, Scenario scenario, long seed, int k, double coldShare,
                                double activityExponent, double feedbackPerList, Duration feedbackDelay,
                                Duration driftAt, Set<Scenario.DriftChange> driftChanges, double driftExponent,
                                List<String> driftGenres, double driftGenreShare, double driftColdShare,
                                String adminToken, boolean keepDamaged, Path dataDir, Path json, PrintStream log) {

    public SimulationOptions {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("--duration must be in 1 s..24 h");
        }
        if (users < 1 || users > 2_000) {
            throw new IllegalArgumentException("--users must be in 1..2000");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("--k must be in 1..1000");
        }
        for (double share : new double[] {coldShare, driftGenreShare, driftColdShare}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("--cold-share, --drift-genre-share and --drift-cold-share must be in [0, 1]");
            }
        }
        if (!(feedbackPerList >= 0 && feedbackPerList <= 10)) {
            throw new IllegalArgumentException("--feedback-rate must be in [0, 10]");
        }
        if (feedbackDelay.isNegative()) {
            throw new IllegalArgumentException("--feedback-delay must not be negative");
        }
        if (driftAt.isNegative() || driftAt.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("--drift-at must lie within --duration");
        }
        if (scenario == Scenario.DRIFT && driftChanges.isEmpty()) {
            throw new IllegalArgumentException("--drift-changes names no change");
        }
        if (scenario == Scenario.DRIFT && driftChanges.contains(Scenario.DriftChange.GENRES) && driftGenres.isEmpty()) {
            throw new IllegalArgumentException("--drift-genres names no genre");
        }
        if (scenario == Scenario.DEGRADE && (adminToken == null || adminToken.isBlank())) {
            throw new IllegalArgumentException("--scenario degrade reloads the model: set ADMIN_TOKEN (or --admin-token)");
        }
    }
}
