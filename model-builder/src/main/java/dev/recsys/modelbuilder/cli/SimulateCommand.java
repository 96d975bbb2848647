package dev.recsys.modelbuilder.cli;

import dev.recsys.modelbuilder.BuildOptions;
import dev.recsys.modelbuilder.simulate.ActivityLaw;
import dev.recsys.modelbuilder.simulate.Scenario;
import dev.recsys.modelbuilder.simulate.SimulationOptions;
import dev.recsys.modelbuilder.simulate.TrafficSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code model-builder simulate}: the traffic simulator with ground truth (docs/model-builder.md). */
final class SimulateCommand {

    static final String USAGE = """
            usage: model-builder simulate --repository DIR [--model NAME] [options]
              closed-loop traffic with ground truth against the running stack; exit 1 below 99 % success

              --duration D          how long (90, 90s, 2m; default 30s)
              --users N             virtual users, each one request at a time (default 20)
              --scenario S          steady (default), drift or degrade
              --seed N              traffic seed (default 42)
              --k N                 list length asked for (default 10)
              --cold-share X        share of recommendation requests from new users (default 0.05)
              --activity-exponent X a known user's request share ~ ratingCount^X (default 1)
              --feedback-rate X     feedback events per served list, Poisson mean (default 0.8)
              --feedback-delay D    mean of the exponential feedback delay, capped at 5x (default 3s)
              --data DIR            MovieLens files the model was trained on (default: the model card's source)
              --json FILE           write the summary (table, traffic, online and offline quality) as JSON
              --recommender URL --gateway URL --management URL
                                    defaults http://127.0.0.1:8080, :8082 and :9080
            drift and degrade:
              --drift-at D          when the change starts (default: half of --duration)
              --drift-changes LIST  drift: any of population,genres,cold (default all three)
              --drift-exponent X    population: the new activity exponent (default -1: light users dominate)
              --drift-genres LIST   genres: the genres asked for (default Horror,Sci-Fi)
              --drift-genre-share X genres: share of recommendation requests with genre= (default 0.5)
              --drift-cold-share X  cold: the new share of new users (default 0.3)
              --admin-token T       degrade: reloads the model (default: $ADMIN_TOKEN)
              --keep-damaged        degrade: leave the damaged version serving at the end
            """;

    private SimulateCommand() {
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(args);
        if (a.flag("help")) {
            out.print(USAGE);
            return 0;
        }
        Duration duration = duration(a, "duration", "30s");
        Scenario scenario = Scenario.parse(a.value("scenario", "steady"));
        Duration driftAt = a.has("drift-at") ? duration(a, "drift-at", null) : duration.dividedBy(2);
        Set<Scenario.DriftChange> changes = EnumSet.noneOf(Scenario.DriftChange.class);
        for (String c : list(a.value("drift-changes", "population,genres,cold"))) {
            changes.add(Scenario.DriftChange.parse(c));
        }
        String token = a.value("admin-token", System.getenv("ADMIN_TOKEN"));
        SimulationOptions options = new SimulationOptions(
                Path.of(a.required("repository")), a.value("model", BuildOptions.DEFAULT_MODEL),
                uri(a, "recommender", "http://127.0.0.1:8080"), uri(a, "gateway", "http://127.0.0.1:8082"),
                uri(a, "management", "http://127.0.0.1:9080"),
                duration, a.intValue("users", 20), scenario, a.longValue("seed", 42), a.intValue("k", 10),
                a.doubleValue("cold-share", ActivityLaw.DEFAULT_COLD_SHARE),
                a.doubleValue("activity-exponent", ActivityLaw.DEFAULT_EXPONENT),
                a.doubleValue("feedback-rate", 0.8), duration(a, "feedback-delay", "3s"), driftAt, changes,
                a.doubleValue("drift-exponent", -1), list(a.value("drift-genres", "Horror,Sci-Fi")),
                a.doubleValue("drift-genre-share", 0.5), a.doubleValue("drift-cold-share", 0.3), token,
                a.flag("keep-damaged"), a.has("data") ? Path.of(a.value("data")) : null,
                a.has("json") ? Path.of(a.value("json")) : null, out);
        a.checkAllUsed();
        try {
            TrafficSimulator.Result result = new TrafficSimulator(options).run();
            return result.successRate() >= 0.99 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code 90}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 500ms}: a plain number is seconds. */
    static Duration parseDuration(String name, String v) {
        try {
            String s = v.trim();
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.charAt(s.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
            }
            double n = Double.parseDouble(s.substring(0, s.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofMillis(Math.round(n * 1000));
                case 'm' -> Duration.ofMillis(Math.round(n * 60_000));
                case 'h' -> Duration.ofMillis(Math.round(n * 3_600_000));
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration such as 90s, 2m or 500ms, got '" + v + "'");
        }
    }

    private static Duration duration(Arguments a, String name, String fallback) {
        return parseDuration(name, a.value(name, fallback));
    }

    private static URI uri(Arguments a, String name, String fallback) {
        String v = a.value(name, fallback);
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " must be a URL such as http://127.0.0.1:8080, got '" + v + "'");
        }
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
