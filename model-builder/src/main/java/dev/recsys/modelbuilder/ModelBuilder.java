package dev.recsys.modelbuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.modelbuilder.data.Dataset;
import dev.recsys.modelbuilder.data.MovieLensReader;
import dev.recsys.modelbuilder.data.SyntheticDataGenerator;
import dev.recsys.modelbuilder.eval.OfflineEvaluation;
import dev.recsys.modelbuilder.onnx.OnnxExporter;
import dev.recsys.modelbuilder.runs.RunLog;
import dev.recsys.modelbuilder.runs.RunRecord;
import dev.recsys.modelbuilder.simulate.ActivityLaw;
import dev.recsys.modelbuilder.simulate.ServedLists;
import dev.recsys.modelbuilder.simulate.ServingReference;
import dev.recsys.modelbuilder.train.AlsOptions;
import dev.recsys.modelbuilder.train.AlsTrainer;
import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import dev.recsys.modelbuilder.train.Parallel;
import dev.recsys.modelbuilder.train.RatingSplit;
import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepositoryWriter;
import dev.recsys.modelrepository.SeenItems;
import dev.recsys.modelrepository.UserTable;
import dev.recsys.modelrepository.features.PredictionFeatures;
import dev.recsys.modelrepository.features.ReferenceProfile;
import dev.recsys.modelrepository.metrics.BeyondAccuracyMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one model version end to end: data (MovieLens files or synthetic), per-user time split,
 * ALS training, offline evaluation against a popularity baseline, ONNX export, index maps, reference
 * profile, model card; written atomically as the next version, and logged to {@code runs.jsonl}.
 */
public final class ModelBuilder {

    /** Damping of the cold-start list's mean rating: as if each item had this many extra global-mean ratings. */
    static final int POPULAR_DAMPING = 10;
    /** Length of the cold-start list (the whole catalog when smaller). */
    static final int POPULAR_ITEMS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelBuilder() {
    }

    public static BuildResult build(BuildOptions options) throws IOException {
        long start = System.nanoTime();
        PrintStream log = options.log() != null ? options.log() : new PrintStream(OutputStream.nullOutputStream());

        Dataset data;
        if (options.dataDir() != null) {
            log.printf("[data] reading MovieLens files from %s%n", options.dataDir());
            data = MovieLensReader.read(options.dataDir(), log);
        } else {
            log.printf("[data] generating %s%n", options.synthetic());
            data = SyntheticDataGenerator.generate(options.synthetic());
        }
        log.printf(Locale.ROOT, "[data] %,d movies, %,d ratings, sha256 %s (%.1f s)%n", data.movieCount(),
                data.ratingCount(), data.sha256(), seconds(start));

        RatingSplit split = RatingSplit.split(data, options.testFraction());
        log.printf(Locale.ROOT, "[split] %,d users, %,d items: %,d training and %,d held-out ratings (last %.0f%% of each user)%n",
                split.users(), split.items(), split.trainCount(), split.testCount(), options.testFraction() * 100);

        AlsOptions als = new AlsOptions(options.factors(), options.iterations(), options.regularization(),
                options.biasRegularization(), options.seed(), options.threads());
        log.printf(Locale.ROOT, "[train] ALS: %d factors, %d iterations, lambda %s, bias lambda %s, %d threads%n",
                als.factors(), als.iterations(), als.regularization(), als.biasRegularization(), als.threads());
        long trainStart = System.nanoTime();
        MatrixFactorization model = AlsTrainer.train(split, als, (it, loss, trainRmse, testRmse, secs) ->
                log.printf(Locale.ROOT, "[train] iteration %2d/%d  loss %.4f  train RMSE %.4f  held-out RMSE %.4f  %6.1f s%n",
                        it, als.iterations(), loss, trainRmse, testRmse, secs));
        double trainingSeconds = seconds(trainStart);

        int[] evalUsers = OfflineEvaluation.sampleUsers(split, options.evalUsers(), options.seed());
        OfflineEvaluation.Result eval;
        try (Parallel parallel = new Parallel(options.threads())) {
            eval = OfflineEvaluation.evaluate(split, model, evalUsers, options.k(), options.relevanceThreshold(),
                    parallel);
        }
        log.printf(Locale.ROOT, "[eval] %,d held-out users, k=%d, relevant = rating >= %.1f%n", eval.evaluatedUsers(),
                eval.k(), options.relevanceThreshold());
        log.printf(Locale.ROOT, "[eval] %-10s RMSE %.4f  MAE %.4f  P@%d %.4f  R@%d %.4f  NDCG@%d %.4f%n", "model",
                eval.rmse(), eval.mae(), eval.k(), eval.model().precision(), eval.k(), eval.model().recall(),
                eval.k(), eval.model().ndcg());
        log.printf(Locale.ROOT, "[eval] %-10s %29s P@%d %.4f  R@%d %.4f  NDCG@%d %.4f%n", "popularity", "", eval.k(),
                eval.popularity().precision(), eval.k(), eval.popularity().recall(), eval.k(),
                eval.popularity().ndcg());

        ItemTable items = itemTable(data, split);
        UserTable users = userTable(split);
        List<ModelCard.PopularItem> popular = popularItems(items, split.globalMean());

        ModelRepositoryWriter writer = new ModelRepositoryWriter(options.repository());
        String createdAt = Instant.now().toString();
        ModelCard[] written = new ModelCard[1];
        Path dir = writer.write(options.model(), (tmp, version) -> {
            ModelCard.Files files = ModelCard.Files.standard();
            OnnxExporter.write(model, options.model(), version, tmp.resolve(files.model()));
            items.write(tmp.resolve(files.items()));
            users.write(tmp.resolve(files.users()));
            split.seenItems().write(tmp.resolve(files.seen()));
            // the reference is computed from the tables as the recommender reads them back (items.csv keeps
            // popularity to 6 decimals), so it describes exactly what serving emits
            List<Map<String, Object>> reference = servingReference(options, model,
                    ItemTable.read(tmp.resolve(files.items())), UserTable.read(tmp.resolve(files.users())),
                    split.seenItems(), popular, log);
            ReferenceProfile.of(options.model(), version, reference).write(tmp.resolve(files.reference()));
            ModelCard card = new ModelCard(options.model(), version, createdAt,
                    new ModelCard.DataInfo(data.source(), data.sha256(), split.users(), split.items(),
                            data.ratingCount(), split.trainCount(), split.testCount()),
                    new ModelCard.Parameters("als", als.factors(), als.iterations(), als.regularization(),
                            als.biasRegularization(), als.seed(), als.threads()),
                    new ModelCard.OfflineMetrics(eval.rmse(), eval.mae(), eval.model().precision(),
                            eval.model().recall(), eval.model().ndcg()),
                    new ModelCard.Baseline("popularity", eval.popularity().precision(), eval.popularity().recall(),
                            eval.popularity().ndcg()),
                    options.relevanceThreshold(), eval.evaluatedUsers(), round(trainingSeconds, 3),
                    split.globalMean(), als.factors(), popular, files,
                    BeyondAccuracyMetrics.of(items,
                            Arrays.stream(eval.lists()).map(OfflineEvaluation.UserList::items).toList()));
            // the card goes last: a version without it is incomplete
            JSON.writeValue(tmp.resolve(ModelCard.FILE_NAME).toFile(), card);
            written[0] = card;
        });
        double total = seconds(start);
        ModelCard card = written[0];
        RunLog runLog = new RunLog(options.repository(), options.model());
        runLog.append(new RunRecord(createdAt, options.model(), card.version(), card.parameters(),
                card.offlineMetrics(), card.baseline(), data.source(), data.sha256(), data.ratingCount(),
                card.trainingSeconds(), round(total, 3), dir.toAbsolutePath().toString(), card.beyondAccuracy()));
        log.printf(Locale.ROOT, "[done] %s version %d written to %s in %.1f s (training %.1f s); run logged to %s%n",
                options.model(), card.version(), dir.toAbsolutePath(), total, trainingSeconds, runLog.file());
        return new BuildResult(dir, card, total);
    }

    static ItemTable itemTable(Dataset data, RatingSplit split) {
        int n = split.items();
        int[] counts = new int[n];
        float[] means = new float[n];
        int[] offsets = split.trainItemOffsets();
        int max = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = offsets[i + 1] - offsets[i];
            double sum = 0;
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                sum += split.trainItemRatings()[p];
            }
            means[i] = counts[i] == 0 ? Float.NaN : (float) (sum / counts[i]);
            max = Math.max(max, counts[i]);
        }
        float[] popularity = new float[n];
        for (int i = 0; i < n; i++) {
            popularity[i] = max == 0 ? 0 : counts[i] / (float) max;
        }
        return new ItemTable(data.movieIds().clone(), data.titles().clone(), data.genres().clone(),
                data.years().clone(), counts, means, popularity);
    }

    static UserTable userTable(RatingSplit split) {
        int n = split.users();
        int[] counts = new int[n];
        double[] means = new double[n];
        for (int u = 0; u < n; u++) {
            counts[u] = split.trainCount(u);
            double sum = 0;
            for (int p = split.trainUserOffsets()[u]; p < split.trainUserOffsets()[u + 1]; p++) {
                sum += split.trainUserRatings()[p];
            }
            means[u] = counts[u] == 0 ? Double.NaN : round(sum / counts[u], 4);
        }
        return new UserTable(split.userIds().clone(), counts, means);
    }

    /** Items with training ratings by damped mean rating, best first. */
    static List<ModelCard.PopularItem> popularItems(ItemTable items, double globalMean) {
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int n = items.ratingCount(i);
            if (n > 0) {
                double damped = (items.meanRating(i) * n + POPULAR_DAMPING * globalMean) / (n + POPULAR_DAMPING);
                scored.add(new double[] {damped, i});
            }
        }
        scored.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        List<ModelCard.PopularItem> out = new ArrayList<>();
        for (double[] s : scored.subList(0, Math.min(POPULAR_ITEMS, scored.size()))) {
            out.add(new ModelCard.PopularItem(items.movieId((int) s[1]), round(s[0], 4)));
        }
        return out;
    }

    /** The simulator's steady traffic passed through the served lists and {@link PredictionFeatures}. */
    static List<Map<String, Object>> servingReference(BuildOptions options, MatrixFactorization model, ItemTable items,
                                                      UserTable users, SeenItems seen,
                                                      List<ModelCard.PopularItem> popular, PrintStream log) {
        ActivityLaw law = new ActivityLaw(users, ActivityLaw.DEFAULT_EXPONENT, options.referenceColdShare());
        ServedLists served = new ServedLists(new ItemScorer(model), items, seen, popular, options.k());
        List<Map<String, Object>> reference = ServingReference.events(served, users, new PredictionFeatures(items),
                law, options.referenceSamples(), options.seed());
        log.printf(Locale.ROOT, "[reference] %,d requests of the simulator's steady traffic (activity exponent %.1f, %.0f%% new users), k=%d%n",
                reference.size(), law.exponent(), law.coldShare() * 100, options.k());
        return reference;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

}
