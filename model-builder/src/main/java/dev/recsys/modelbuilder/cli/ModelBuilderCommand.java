package dev.recsys.modelbuilder.cli;

import dev.recsys.modelbuilder.BuildOptions;
import dev.recsys.modelbuilder.BuildResult;
import dev.recsys.modelbuilder.ModelBuilder;
import dev.recsys.modelbuilder.data.MovieLensWriter;
import dev.recsys.modelbuilder.data.SyntheticDataGenerator;
import dev.recsys.modelbuilder.data.SyntheticSpec;
import dev.recsys.modelbuilder.repository.DamagedVersions;
import dev.recsys.modelbuilder.runs.RunLog;
import dev.recsys.modelbuilder.simulate.ActivityLaw;
import dev.recsys.modelbuilder.simulate.ServingReference;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The {@code model-builder} command line. */
public final class ModelBuilderCommand {

    static final String USAGE = """
            usage: model-builder --repository DIR [--model NAME] [options]     build the next model version
                   model-builder --repository DIR [--model NAME] --runs         print the run log as a table
                   model-builder --write-data DIR [--scale S | --users --movies --ratings] [--seed N]
                                                                                 write synthetic MovieLens CSV files
                   model-builder --repository DIR [--model NAME] --damage VERSION|latest [--seed N]
                                                                                 write a damaged copy as the next version
                   model-builder --repository DIR [--model NAME] --remove-version N
                                                                                 remove a damaged version again
                   model-builder simulate --repository DIR [options]            traffic with ground truth (simulate --help)

            data (default: synthetic, --scale default):
              --data DIR            MovieLens directory with ratings.csv and movies.csv
              --scale NAME          synthetic size: default (1k users, 2k movies, 100k ratings),
                                    medium (10k, 10k, 1M), large (100k, 45k, 10M),
                                    bench (100k, 45k, 2M: large catalog, quick to train)
              --users N --movies N --ratings N   explicit synthetic size (overrides --scale)
            training:
              --factors N           latent factors (default 32)
              --iterations N        ALS iterations (default 15)
              --regularization X    lambda on each user's and item's factor vector (default 8)
              --bias-regularization X  lambda on each user and item bias (default 150)
              --seed N              data, initialisation and sampling seed (default 42)
              --threads N           worker threads (default: all cores)
            evaluation:
              --k N                 list length of the offline metrics and the reference profile (default 10)
              --eval-users N        held-out users ranked for metrics and reference (default 5000)
              --test-fraction X     share of each user's latest ratings held out (default 0.2)
              --relevance X         held-out rating that counts as relevant (default 4.0)
              --reference-samples N requests described by reference.json (default 10000)
              --reference-cold-share X  share of them from new users (default 0.05)
            """;

    private ModelBuilderCommand() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("model-builder: " + e.getMessage());
            System.err.print(USAGE);
            code = 2;
        } catch (IOException e) {
            System.err.println("model-builder: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length > 0 && args[0].equals("simulate")) {
            return SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        Arguments a = Arguments.parse(args);
        if (a.flag("help")) {
            out.print(USAGE);
            return 0;
        }
        long seed = a.longValue("seed", 42);
        SyntheticSpec spec = syntheticSpec(a, seed);
        if (a.has("write-data")) {
            Path dir = Path.of(a.value("write-data"));
            a.checkAllUsed();
            MovieLensWriter.write(SyntheticDataGenerator.generate(spec), dir);
            out.printf("wrote %s as movies.csv and ratings.csv to %s%n", spec, dir.toAbsolutePath());
            return 0;
        }
        Path repository = Path.of(a.required("repository"));
        String model = a.value("model", BuildOptions.DEFAULT_MODEL);
        if (a.has("damage")) {
            String which = a.value("damage");
            a.checkAllUsed();
            ModelRepository repo = new ModelRepository(repository);
            ModelVersion source = "latest".equals(which) ? repo.latestComplete(model)
                    .orElseThrow(() -> new IllegalArgumentException("--damage: model " + model + " has no complete version"))
                    : repo.versions(model).stream().filter(v -> v.complete() && Integer.toString(v.version()).equals(which))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--damage: model " + model
                            + " has no complete version '" + which + "'"));
            Path dir = DamagedVersions.write(repository, source, seed);
            out.printf("damaged copy of %s version %d written as version %s (%s)%n", model, source.version(),
                    dir.getFileName(), dir.toAbsolutePath());
            return 0;
        }
        if (a.has("remove-version")) {
            int version = a.intValue("remove-version", 0);
            a.checkAllUsed();
            DamagedVersions.remove(new ModelRepository(repository), model, version);
            out.printf("removed damaged version %d of %s%n", version, model);
            return 0;
        }
        if (a.flag("runs")) {
            a.checkAllUsed();
            RunLog log = new RunLog(repository, model);
            out.printf("runs of %s (%s)%n", model, log.file());
            RunLog.printTable(log.read(), out);
            return 0;
        }
        BuildOptions.Builder b = BuildOptions.builder(repository, model)
                .synthetic(spec)
                .seed(seed)
                .log(out);
        if (a.has("data")) {
            b.dataDir(Path.of(a.value("data")));
        }
        b.factors(a.intValue("factors", 32))
                .iterations(a.intValue("iterations", 15))
                .regularization(a.doubleValue("regularization", 8))
                .biasRegularization(a.doubleValue("bias-regularization", 150))
                .threads(a.intValue("threads", Runtime.getRuntime().availableProcessors()))
                .k(a.intValue("k", 10))
                .evalUsers(a.intValue("eval-users", 5_000))
                .testFraction(a.doubleValue("test-fraction", 0.2))
                .relevanceThreshold(a.doubleValue("relevance", 4.0))
                .referenceSamples(a.intValue("reference-samples", ServingReference.DEFAULT_SAMPLES))
                .referenceColdShare(a.doubleValue("reference-cold-share", ActivityLaw.DEFAULT_COLD_SHARE));
        a.checkAllUsed();
        BuildResult result = ModelBuilder.build(b.build());
        printSummary(result, out);
        return 0;
    }

    private static SyntheticSpec syntheticSpec(Arguments a, long seed) {
        SyntheticSpec scale = SyntheticSpec.scale(a.value("scale", "default"), seed);
        if (a.has("users") || a.has("movies") || a.has("ratings")) {
            return new SyntheticSpec(a.intValue("users", scale.users()), a.intValue("movies", scale.movies()),
                    a.longValue("ratings", scale.ratings()), seed);
        }
        return scale;
    }

    private static void printSummary(BuildResult result, PrintStream out) {
        ModelCard c = result.card();
        ModelCard.OfflineMetrics m = c.offlineMetrics();
        ModelCard.Baseline p = c.baseline();
        out.println();
        out.printf("model       %s version %d%n", c.name(), c.version());
        out.printf("output      %s%n", result.versionDir().toAbsolutePath());
        out.printf(Locale.ROOT, "data        %s%n            %,d users, %,d items, %,d ratings (%,d train / %,d held out), sha256 %s%n",
                c.data().source(), c.data().users(), c.data().items(), c.data().ratings(), c.data().trainRatings(),
                c.data().testRatings(), c.data().sha256());
        out.printf(Locale.ROOT, "parameters  als, %d factors, %d iterations, lambda %s, bias lambda %s, seed %d, %d threads%n",
                c.parameters().factors(), c.parameters().iterations(), c.parameters().regularization(),
                c.parameters().biasRegularization(), c.parameters().seed(), c.parameters().threads());
        out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s%n", "metrics", "RMSE", "MAE", "P@10", "R@10", "NDCG@10");
        out.printf(Locale.ROOT, "%-11s %8.4f %8.4f %8.4f %8.4f %8.4f%n", "  model", m.rmse(), m.mae(),
                m.precisionAt10(), m.recallAt10(), m.ndcgAt10());
        out.printf(Locale.ROOT, "%-11s %8s %8s %8.4f %8.4f %8.4f%n", "  popularity", "", "", p.precisionAt10(),
                p.recallAt10(), p.ndcgAt10());
        out.printf(Locale.ROOT, "duration    %.1f s total, %.1f s training%n", result.totalSeconds(),
                c.trainingSeconds());
    }
}
