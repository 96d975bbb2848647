import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftResult;
import dev.recsys.drift.engine.FeatureResult;
import dev.recsys.drift.engine.FeatureSpec;
import dev.recsys.drift.engine.PreparedReference;
import dev.recsys.drift.engine.ThresholdCalibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * False alarms and detection of the monitor's default drift verdicts (make bench-drift-alarms), offline
 * and in accelerated time: the engine and calibration code the service runs, with the monitor's default
 * spec ({@code threshold: auto} at α, ks for numbers, chisquare_2s for categories) and dataset verdict
 * (drift share 0.5), on a synthetic population shaped like the 7 prediction features of event v1.
 *
 * <p>Windows: (a) fresh — each evaluation sees n new events; (b) sliding — the service's 15-minute
 * window evaluated every 30 s, i.e. 30 buckets of n/30 events, one bucket replaced per evaluation; a change
 * starts at a bucket boundary and the delay is the number of 30-s evaluations until the feature is flagged.
 *
 * <p>System properties: alarms.windows (stationary windows per size, default 10000), alarms.sizes
 * (default 10000,100000), alarms.reference (default 10000), alarms.trials (fresh-window trials per
 * change, default 200), alarms.sliding-trials (default 40), alarms.alpha (default: the service's),
 * alarms.threads (default: all cores), alarms.svg (chart path).
 */
public final class AlarmBench {

    static final String[] FEATURES = {"user_rating_count", "user_mean_rating", "user_segment", "rec_mean_score",
            "rec_top_score", "rec_mean_popularity", "rec_top_genre"};
    static final String[] SEGMENTS = {"cold", "light", "casual", "heavy"};
    static final String[] GENRES = {"Drama", "Comedy", "Action", "Thriller", "Romance", "Adventure", "Crime",
            "Sci-Fi", "Horror", "Fantasy", "Children", "Mystery", "Animation", "War", "Musical", "Western",
            "Film-Noir", "Documentary", "IMAX"};
    static final String NEW_GENRE = "(new genre)";
    /** Evaluations per day at a 30 s interval: the goal allows 1 false feature alarm per this many. */
    static final int EVALUATIONS_PER_DAY = 2880;
    static final int BUCKETS = 30;
    static final int MAX_FRESH_EVALUATIONS = 10;

    private final double alpha = Double.parseDouble(System.getProperty("alarms.alpha",
            Double.toString(ThresholdCalibration.DEFAULT_ALPHA)));
    private final int threads = Integer.getInteger("alarms.threads", Runtime.getRuntime().availableProcessors());
    private final DriftEngine engine = new DriftEngine();
    /** The monitor's default for every feature (ModelWindow.spec without configuration). */
    private final FeatureSpec spec = FeatureSpec.auto(null, alpha, null);
    private final Map<String, PreparedReference> reference = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        new AlarmBench().run();
    }

    // ------------------------------------------------------------------ population

    /** One synthetic population; a change is a transformation of the generated window. */
    record Population(double[] genreShares, double[] segmentShift) {

        static Population baseline() {
            double[] shares = new double[GENRES.length];
            double total = 0;
            for (int g = 0; g < shares.length; g++) {
                shares[g] = 1.0 / Math.pow(g + 1, 1.6); // Zipf: the last genres are rare (≈ 0.1 %)
                total += shares[g];
            }
            for (int g = 0; g < shares.length; g++) {
                shares[g] /= total;
            }
            return new Population(shares, new double[SEGMENTS.length]);
        }
    }

    /** A window of n events as the monitor's columns (nulls dropped, as the stream reader does). */
    static final class Window {
        final double[] ratingCount;
        double[] meanRating;
        final String[] segment;
        final double[] meanScore;
        final double[] topScore;
        final double[] popularity;
        final String[] topGenre;
        int known;

        Window(int n) {
            ratingCount = new double[n];
            meanRating = new double[n];
            segment = new String[n];
            meanScore = new double[n];
            topScore = new double[n];
            popularity = new double[n];
            topGenre = new String[n];
        }

        Map<String, Column> columns() {
            Map<String, Column> columns = new LinkedHashMap<>();
            columns.put(FEATURES[0], new Column.Numbers(ratingCount));
            columns.put(FEATURES[1], new Column.Numbers(Arrays.copyOf(meanRating, known)));
            columns.put(FEATURES[2], new Column.Labels(segment));
            columns.put(FEATURES[3], new Column.Numbers(meanScore));
            columns.put(FEATURES[4], new Column.Numbers(topScore));
            columns.put(FEATURES[5], new Column.Numbers(popularity));
            columns.put(FEATURES[6], new Column.Labels(topGenre));
            return columns;
        }
    }

    /**
     * n events: 5 % cold users (count 0, no mean rating); known users' rating counts log-normal with a
     * long tail, segment by count (light &lt; 20, casual &lt; 100, heavy); mean rating bounded to [1, 5];
     * scores continuous; popularity a share in (0, 1); top genre Zipf over 19 genres.
     */
    static Window generate(SplittableRandom random, int n, double[] genreShares) {
        Window w = new Window(n);
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.05) {
                w.ratingCount[i] = 0;
                w.segment[i] = SEGMENTS[0];
            } else {
                double count = Math.floor(Math.exp(3.2 + 1.1 * gaussian(random))) + 1;
                w.ratingCount[i] = count;
                w.segment[i] = count < 20 ? SEGMENTS[1] : count < 100 ? SEGMENTS[2] : SEGMENTS[3];
                w.meanRating[w.known++] = clip(3.6 + 0.45 * gaussian(random), 1, 5);
            }
            double mean = 3.9 + 0.3 * gaussian(random);
            w.meanScore[i] = mean;
            w.topScore[i] = mean + Math.abs(0.5 + 0.2 * gaussian(random));
            w.popularity[i] = 1 / (1 + Math.exp(1.2 - 0.6 * gaussian(random)));
            w.topGenre[i] = GENRES[pick(random, genreShares)];
        }
        return w;
    }

    static double gaussian(SplittableRandom random) {
        // Box–Muller on SplittableRandom (java.util.Random's nextGaussian is synchronized)
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static int pick(SplittableRandom random, double[] shares) {
        double u = random.nextDouble();
        for (int k = 0; k < shares.length - 1; k++) {
            u -= shares[k];
            if (u < 0) {
                return k;
            }
        }
        return shares.length - 1;
    }

    static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // ------------------------------------------------------------------ changes

    /** An injected change: which feature it targets, its size for the chart, and how it alters a window. */
    record Change(String name, String feature, String kind, double size, WindowChange apply) {
    }

    interface WindowChange {
        void apply(Window w, SplittableRandom random);
    }

    /** @param casualShare the population's share of casual users (the segment share changes move some to light) */
    static List<Change> changes(Map<String, Double> sigma, double casualShare, double dramaShare) {
        List<Change> changes = new ArrayList<>();
        String[] numerical = {"user_rating_count", "user_mean_rating", "rec_mean_score", "rec_top_score",
                "rec_mean_popularity"};
        for (double shift : new double[] {0.1, 0.25, 0.5}) {
            for (String feature : numerical) {
                double delta = shift * sigma.get(feature);
                changes.add(new Change("mean +" + shift + "σ", feature, "shift", shift, (w, r) -> {
                    switch (feature) {
                        case "user_rating_count" -> shiftCounts(w.ratingCount, delta);
                        case "user_mean_rating" -> add(w.meanRating, w.known, delta, 1, 5);
                        case "rec_mean_score" -> add(w.meanScore, w.meanScore.length, delta, -1e9, 1e9);
                        case "rec_top_score" -> add(w.topScore, w.topScore.length, delta, -1e9, 1e9);
                        default -> add(w.popularity, w.popularity.length, delta, 0, 1);
                    }
                }));
            }
        }
        for (int points : new int[] {2, 5, 10}) {
            double share = points / 100.0;
            changes.add(new Change("casual→light " + points + " pts", "user_segment", "share", points,
                    (w, r) -> relabel(w.segment, SEGMENTS[2], SEGMENTS[1], share / casualShare, r)));
            changes.add(new Change("Drama→Comedy " + points + " pts", "rec_top_genre", "share", points,
                    (w, r) -> relabel(w.topGenre, GENRES[0], GENRES[1], share / dramaShare, r)));
        }
        changes.add(new Change("new genre at 1 %", "rec_top_genre", "new", 1,
                (w, r) -> relabelAny(w.topGenre, NEW_GENRE, 0.01, r)));
        return changes;
    }

    static void shiftCounts(double[] counts, double delta) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                counts[i] = Math.max(1, Math.round(counts[i] + delta));
            }
        }
    }

    static void add(double[] values, int length, double delta, double lo, double hi) {
        for (int i = 0; i < length; i++) {
            values[i] = clip(values[i] + delta, lo, hi);
        }
    }

    /** Moves each {@code from} event to {@code to} with probability {@code p}: a share change of p·share(from). */
    static void relabel(String[] labels, String from, String to, double p, SplittableRandom random) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(from) && random.nextDouble() < p) {
                labels[i] = to;
            }
        }
    }

    static void relabelAny(String[] labels, String to, double p, SplittableRandom random) {
        for (int i = 0; i < labels.length; i++) {
            if (random.nextDouble() < p) {
                labels[i] = to;
            }
        }
    }

    // ------------------------------------------------------------------ run

    void run() throws Exception {
        int windows = Integer.getInteger("alarms.windows", 10_000);
        int[] sizes = Arrays.stream(System.getProperty("alarms.sizes", "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int referenceSize = Integer.getInteger("alarms.reference", 10_000);
        int trials = Integer.getInteger("alarms.trials", 200);
        int slidingTrials = Integer.getInteger("alarms.sliding-trials", 40);
        Path svg = Path.of(System.getProperty("alarms.svg", "drift-service/target/bench/drift-alarms.svg"));
        double[] genreShares = Population.baseline().genreShares();

        Window ref = generate(new SplittableRandom(1), referenceSize, genreShares);
        ref.columns().forEach((feature, column) -> reference.put(feature, PreparedReference.of(column)));
        Map<String, Double> sigma = new LinkedHashMap<>();
        Window big = generate(new SplittableRandom(2), 200_000, genreShares);
        big.columns().forEach((feature, column) -> {
            if (column instanceof Column.Numbers numbers) {
                sigma.put(feature, std(numbers.values()));
            }
        });
        System.out.printf(Locale.ROOT, "# reference %d events, alpha %.3g per feature and evaluation, %d threads,"
                + " methods: ks (numbers), chisquare_2s (categories), threshold auto%n", referenceSize, alpha, threads);
        System.out.printf(Locale.ROOT, "# goal stationary: 0 dataset alarms, <= 1 feature alarm per %d evaluations"
                + " (all 7 features together)%n", EVALUATIONS_PER_DAY);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String[]> goals = new ArrayList<>();
        try {
            for (int n : sizes) {
                long[] alarms = stationary(pool, n, windows, genreShares);
                long featureAlarms = 0;
                for (int f = 0; f < FEATURES.length; f++) {
                    featureAlarms += alarms[f];
                    System.out.printf(Locale.ROOT, "stationary n=%d windows=%d feature=%s alarms=%d rate=%.2e%n",
                            n, windows, FEATURES[f], alarms[f], (double) alarms[f] / windows);
                }
                long dataset = alarms[FEATURES.length];
                double perEvaluation = (double) featureAlarms / windows;
                System.out.printf(Locale.ROOT, "stationary n=%d windows=%d feature_alarms=%d per_%d_evaluations=%.3f"
                                + " dataset_alarms=%d%n", n, windows, featureAlarms, EVALUATIONS_PER_DAY,
                        perEvaluation * EVALUATIONS_PER_DAY, dataset);
                goals.add(new String[] {"stationary n=" + n + ": dataset alarms", "0",
                        Long.toString(dataset), dataset == 0 ? "met" : "NOT met"});
                goals.add(new String[] {"stationary n=" + n + ": feature alarms per 2,880 evaluations", "≤ 1",
                        String.format(Locale.ROOT, "%.3f (%d in %d)", perEvaluation * EVALUATIONS_PER_DAY,
                                featureAlarms, windows),
                        perEvaluation * EVALUATIONS_PER_DAY <= 1 ? "met" : "NOT met"});
            }
            List<Change> changes = changes(sigma, share(big.segment, SEGMENTS[2]), genreShares[0]);
            Map<String, double[]> chart = new LinkedHashMap<>();
            System.out.println("# detection, (a) fresh windows: rate1 = flagged in the first evaluation after the"
                    + " change, rate2 = within 2, delay = mean evaluations until flagged (of those flagged within "
                    + MAX_FRESH_EVALUATIONS + ")");
            for (int n : sizes) {
                for (Change change : changes) {
                    double[] d = fresh(pool, change, n, trials, genreShares);
                    System.out.printf(Locale.ROOT, "fresh n=%d change=\"%s\" feature=%s trials=%d rate1=%.3f rate2=%.3f"
                                    + " delay=%.2f%n", n, change.name(), change.feature(), trials, d[0], d[1], d[2]);
                    chart.put(n + "|" + change.name() + "|" + change.feature(), d);
                    if (n == 100_000 && (change.name().contains("0.25σ") || change.name().contains(" 5 pts"))) {
                        goals.add(new String[] {"n=100k fresh: " + change.name() + " on " + change.feature()
                                + ", detected within 2 evaluations", "≥ 95 %",
                                String.format(Locale.ROOT, "%.1f %%", 100 * d[1]), d[1] >= 0.95 ? "met" : "NOT met"});
                    }
                }
            }
            System.out.println("# detection, (b) sliding 15-min window every 30 s (30 buckets of n/30 events): rate ="
                    + " flagged within 30 evaluations, delay = mean 30-s evaluations until flagged (p50, p90)");
            int n = sizes[sizes.length - 1];
            for (Change change : changes) {
                double[] d = sliding(pool, change, n, slidingTrials, genreShares);
                System.out.printf(Locale.ROOT, "sliding n=%d change=\"%s\" feature=%s trials=%d rate=%.3f delay=%.2f"
                                + " p50=%.0f p90=%.0f%n", n, change.name(), change.feature(), slidingTrials, d[0], d[1],
                        d[2], d[3]);
            }
            System.out.println();
            System.out.println("| goal | target | measured | |");
            System.out.println("|---|---|---|---|");
            for (String[] g : goals) {
                System.out.println("| " + g[0] + " | " + g[1] + " | " + g[2] + " | " + g[3] + " |");
            }
            Files.createDirectories(svg.toAbsolutePath().getParent());
            Files.writeString(svg, chart(chart, sizes, changes));
            System.out.println();
            System.out.println("chart " + svg.toAbsolutePath());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per feature the windows flagged, then the dataset alarms; windows split over the threads. */
    long[] stationary(ExecutorService pool, int n, int windows, double[] genreShares) throws Exception {
        List<Future<long[]>> parts = new ArrayList<>();
        int chunk = (windows + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int from = t * chunk;
            int to = Math.min(windows, from + chunk);
            long seed = 1_000L * n + t;
            parts.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                long[] alarms = new long[FEATURES.length + 1];
                for (int w = from; w < to; w++) {
                    DriftResult result = evaluateAll(generate(random, n, genreShares).columns());
                    int f = 0;
                    for (FeatureResult feature : result.features().values()) {
                        if (feature.driftDetected()) {
                            alarms[f]++;
                        }
                        f++;
                    }
                    if (result.dataset().driftDetected()) {
                        alarms[FEATURES.length]++;
                    }
                }
                return alarms;
            }));
        }
        long[] total = new long[FEATURES.length + 1];
        for (Future<long[]> part : parts) {
            long[] alarms = part.get();
            for (int i = 0; i < total.length; i++) {
                total[i] += alarms[i];
            }
        }
        return total;
    }

    DriftResult evaluateAll(Map<String, Column> columns) {
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        columns.forEach((feature, column) -> results.put(feature,
                engine.evaluate(feature, reference.get(feature), column, spec)));
        return engine.summarize(results, DriftEngine.DEFAULT_DRIFT_SHARE, null);
    }

    boolean flagged(Change change, Window w) {
        Column column = w.columns().get(change.feature());
        return engine.evaluate(change.feature(), reference.get(change.feature()), column, spec).driftDetected();
    }

    /** (a) fresh windows: rate in the first evaluation, within two, and the mean delay of those flagged. */
    double[] fresh(ExecutorService pool, Change change, int n, int trials, double[] genreShares) throws Exception {
        List<Future<int[]>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = trials / threads + (t < trials % threads ? 1 : 0);
            long seed = 7_000_000L + 31L * n + t * 1_000_003L + change.name().hashCode() + change.feature().hashCode();
            parts.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                int[] out = new int[4]; // first, within two, flagged, sum of delays
                for (int trial = 0; trial < share; trial++) {
                    for (int e = 1; e <= MAX_FRESH_EVALUATIONS; e++) {
                        Window w = generate(random, n, genreShares);
                        change.apply().apply(w, random);
                        if (flagged(change, w)) {
                            out[0] += e == 1 ? 1 : 0;
                            out[1] += e <= 2 ? 1 : 0;
                            out[2]++;
                            out[3] += e;
                            break;
                        }
                    }
                }
                return out;
            }));
        }
        int[] sum = new int[4];
        for (Future<int[]> part : parts) {
            int[] out = part.get();
            for (int i = 0; i < 4; i++) {
                sum[i] += out[i];
            }
        }
        return new double[] {(double) sum[0] / trials, (double) sum[1] / trials,
                sum[2] == 0 ? Double.NaN : (double) sum[3] / sum[2]};
    }

    /**
     * (b) sliding window: 30 buckets of n/30 stationary events; from the change on, each 30-s evaluation
     * replaces the oldest bucket with a changed one. Rate flagged within 30 evaluations, mean, p50 and
     * p90 delay (evaluations; p90 is 31 when more than 10 % were never flagged).
     */
    double[] sliding(ExecutorService pool, Change change, int n, int trials, double[] genreShares) throws Exception {
        int bucket = n / BUCKETS;
        List<Future<List<Integer>>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = trials / threads + (t < trials % threads ? 1 : 0);
            long seed = 9_000_000L + 17L * n + t * 1_000_033L + change.name().hashCode() + change.feature().hashCode();
            parts.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                List<Integer> delays = new ArrayList<>();
                for (int trial = 0; trial < share; trial++) {
                    Window[] buckets = new Window[BUCKETS];
                    for (int b = 0; b < BUCKETS; b++) {
                        buckets[b] = generate(random, bucket, genreShares);
                    }
                    int delay = BUCKETS + 1;
                    for (int e = 1; e <= BUCKETS; e++) {
                        Window changed = generate(random, bucket, genreShares);
                        change.apply().apply(changed, random);
                        buckets[(e - 1) % BUCKETS] = changed;
                        if (flagged(change, concat(buckets))) {
                            delay = e;
                            break;
                        }
                    }
                    delays.add(delay);
                }
                return delays;
            }));
        }
        List<Integer> delays = new ArrayList<>();
        for (Future<List<Integer>> part : parts) {
            delays.addAll(part.get());
        }
        delays.sort(null);
        long flagged = delays.stream().filter(d -> d <= BUCKETS).count();
        double mean = delays.stream().filter(d -> d <= BUCKETS).mapToInt(Integer::intValue).average().orElse(Double.NaN);
        return new double[] {(double) flagged / trials, mean, delays.get(delays.size() / 2),
                delays.get(Math.min(delays.size() - 1, (int) Math.ceil(0.9 * delays.size()) - 1))};
    }

    static Window concat(Window[] buckets) {
        int n = 0;
        int known = 0;
        for (Window b : buckets) {
            n += b.segment.length;
            known += b.known;
        }
        Window w = new Window(n);
        w.meanRating = new double[known];
        int at = 0;
        for (Window b : buckets) {
            int len = b.segment.length;
            System.arraycopy(b.ratingCount, 0, w.ratingCount, at, len);
            System.arraycopy(b.segment, 0, w.segment, at, len);
            System.arraycopy(b.meanScore, 0, w.meanScore, at, len);
            System.arraycopy(b.topScore, 0, w.topScore, at, len);
            System.arraycopy(b.popularity, 0, w.popularity, at, len);
            System.arraycopy(b.topGenre, 0, w.topGenre, at, len);
            System.arraycopy(b.meanRating, 0, w.meanRating, w.known, b.known);
            w.known += b.known;
            at += len;
        }
        return w;
    }

    static double share(String[] labels, String label) {
        return (double) Arrays.stream(labels).filter(label::equals).count() / labels.length;
    }

    static double std(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
    }

    // ------------------------------------------------------------------ chart

    /**
     * Two panels, detection within 2 fresh-window evaluations against the change's size: numerical mean
     * shifts (σ) and category share changes (points); one line per window size and feature.
     */
    static String chart(Map<String, double[]> results, int[] sizes, List<Change> changes) {
        int width = 900;
        int height = 420;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append("<text x=\"20\" y=\"20\" font-size=\"14\">Drift detected within 2 evaluations (fresh windows)"
                        + " vs change size — threshold auto, ks / chisquare_2s</text>\n")
                .append(String.format(Locale.ROOT, "<text x=\"20\" y=\"36\">solid: n = %,d events per window; dashed:"
                        + " n = %,d; grey dashed line: the 95 %% goal</text>%n", sizes[sizes.length - 1], sizes[0]));
        String[] colors = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#9c755f"};
        panel(svg, results, sizes, changes, "shift", "mean shift (σ)", new double[] {0.1, 0.25, 0.5}, 60, colors);
        panel(svg, results, sizes, changes, "share", "share change (points)", new double[] {2, 5, 10}, 480, colors);
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, Map<String, double[]> results, int[] sizes, List<Change> changes,
                              String kind, String xLabel, double[] xs, int left, String[] colors) {
        int top = 56;
        int w = 360;
        int h = 250;
        double xMax = xs[xs.length - 1];
        svg.append("<g>\n<line x1=\"").append(left).append("\" y1=\"").append(top + h).append("\" x2=\"").append(left + w)
                .append("\" y2=\"").append(top + h).append("\" stroke=\"#333\"/>\n<line x1=\"").append(left)
                .append("\" y1=\"").append(top).append("\" x2=\"").append(left).append("\" y2=\"").append(top + h)
                .append("\" stroke=\"#333\"/>\n");
        for (double y : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double py = top + h - y * h;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f%%</text>%n", left, py, left + w, py, left - 4,
                    py + 4, y * 100));
        }
        double goal = top + h - 0.95 * h;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\""
                + " stroke-dasharray=\"2 2\"/>%n", left, goal, left + w, goal));
        for (double x : xs) {
            double px = left + x / xMax * w;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
                    top + h + 14, x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                left + w / 2, top + h + 30, xLabel));
        int legendY = top + h + 48;
        List<String> features = changes.stream().filter(c -> c.kind().equals(kind)).map(Change::feature)
                .distinct().toList();
        for (int n : sizes) {
            for (String feature : features) {
                String color = colors[features.indexOf(feature) % colors.length];
                String dash = n == sizes[sizes.length - 1] ? "" : " stroke-dasharray=\"4 3\"";
                StringBuilder points = new StringBuilder();
                for (Change c : changes) {
                    double[] d = results.get(n + "|" + c.name() + "|" + c.feature());
                    if (c.kind().equals(kind) && c.feature().equals(feature) && d != null) {
                        double px = left + c.size() / xMax * w;
                        double py = top + h - d[1] * h;
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">"
                                + "<title>%s n=%d %s: %.1f%%</title></circle>%n", px, py, color, feature, n, c.name(),
                                d[1] * 100));
                    }
                }
                svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\"")
                        .append(dash).append(" points=\"").append(points.toString().trim()).append("\"/>\n");
            }
        }
        int legendLine = 0;
        for (String feature : features) {
            String color = colors[legendLine % colors.length];
            int y = legendY + 13 * legendLine;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n", left, y - 4, left + 18, y - 4, color,
                    left + 24, y, feature));
            legendLine++;
        }
        svg.append("</g>\n");
    }
}
