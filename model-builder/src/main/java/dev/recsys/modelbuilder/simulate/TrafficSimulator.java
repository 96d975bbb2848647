package dev.recsys.modelbuilder.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.modelbuilder.data.MovieLensReader;
import dev.recsys.modelbuilder.data.SyntheticDataGenerator;
import dev.recsys.modelbuilder.data.SyntheticSpec;
import dev.recsys.modelbuilder.data.SyntheticWorld;
import dev.recsys.modelbuilder.repository.DamagedVersions;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Closed-loop traffic with ground truth against the running stack (docs/model-builder.md, "Traffic simulator"):
 * {@code users} virtual users, each sending its next request when the previous one answered, for
 * {@code duration}, with the seed-002 mix (recommendations 50, search 15, movie lookups 15, health 5, and about
 * 15 feedback requests that follow the served lists after a delay). Who asks comes from the {@link ActivityLaw},
 * what they rate from the {@link GroundTruth}. At the end: a table per endpoint and the gateway's online quality
 * next to the model card's offline figures.
 */
public final class TrafficSimulator {

    /** Weights of the request kinds a virtual user chooses from (feedback follows the lists, see FeedbackModel). */
    private static final int[] MIX = {50, 15, 15, 5};
    private static final String RECOMMENDATIONS = "GET recommendations";
    private static final String SEARCH = "GET search";
    private static final String MOVIE = "GET movie";
    private static final String HEALTH = "GET health";
    private static final String FEEDBACK = "POST feedback";
    /** Feedback delays are exponential, capped at this many means so the run ends in bounded time. */
    private static final int DELAY_CAP = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome: success rate over every request, and the summary written with {@code --json}. */
    public record Result(double successRate, Map<String, Object> summary) {
    }

    private final SimulationOptions o;
    private final PrintStream log;
    private final HttpClient http;
    private final LoadStats stats = new LoadStats();
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong coldLists = new AtomicLong();
    private final AtomicLong genreLists = new AtomicLong();
    private final AtomicLong feedbackSent = new AtomicLong();
    private final AtomicLong feedbackFailed = new AtomicLong();
    private final DoubleAdder squaredError = new DoubleAdder();
    private final AtomicLong ratingsSent = new AtomicLong();
    private final AtomicInteger newUsers = new AtomicInteger();
    private LoadedModel served;
    private GroundTruth truth;
    private ActivityLaw steadyLaw;
    private ActivityLaw driftLaw;
    private FeedbackModel feedback;
    private ScheduledThreadPoolExecutor feedbackSender;
    private String[] words;
    private int firstNewUserId;
    private volatile long startMs;
    private volatile ModelVersion damaged;

    public TrafficSimulator(SimulationOptions options) {
        this.o = options;
        this.log = options.log();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "simulate-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    public Result run() throws IOException, InterruptedException {
        prepare();
        feedbackSender = new ScheduledThreadPoolExecutor(Math.max(2, o.users() / 4), daemon("simulate-feedback"));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("simulate-timer"));
        Thread restore = new Thread(this::restoreQuietly, "simulate-restore");
        Runtime.getRuntime().addShutdownHook(restore);
        startMs = System.currentTimeMillis();
        long deadline = startMs + o.duration().toMillis();
        long[] lastTotal = {0};
        timers.scheduleAtFixedRate(() -> {
            long t = stats.total();
            log.printf(Locale.ROOT, "[simulate] %3d s: %,d requests, %.0f req/s, %,d lists (%,d cold, %,d by genre), feedback %,d sent, %,d pending%s%n",
                    (System.currentTimeMillis() - startMs) / 1000, t, (t - lastTotal[0]) / 5.0, lists.get(),
                    coldLists.get(), genreLists.get(), feedbackSent.get(), feedbackSender.getQueue().size(),
                    driftActive() ? "  [" + o.scenario().label() + " active]" : "");
            lastTotal[0] = t;
        }, 5, 5, TimeUnit.SECONDS);
        if (o.scenario() == Scenario.DEGRADE) {
            timers.schedule(this::degrade, o.driftAt().toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            SplittableRandom master = new SplittableRandom(o.seed());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < o.users(); i++) {
                SplittableRandom random = master.split();
                Thread t = new Thread(() -> virtualUser(random, deadline), "simulate-user-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.currentTimeMillis() - startMs) / 1000.0;
            feedbackSender.shutdown();
            long waitMs = o.feedbackDelay().toMillis() * DELAY_CAP + TIMEOUT.toMillis() + 5_000;
            log.printf(Locale.ROOT, "[simulate] traffic done after %.0f s; sending the last %,d feedback events (delays up to %.0f s)%n",
                    seconds, feedbackSender.getQueue().size(), o.feedbackDelay().toMillis() * DELAY_CAP / 1000.0);
            feedbackSender.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
            timers.shutdownNow();
            return finish(seconds);
        } finally {
            timers.shutdownNow();
            feedbackSender.shutdownNow();
            restoreQuietly();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (and finds nothing left to restore)
            }
        }
    }

    // ------------------------------------------------------------------ setup

    private void prepare() throws IOException, InterruptedException {
        ModelRepository repository = new ModelRepository(o.repository());
        String version = servedVersion();
        ModelVersion v = repository.versions(o.model()).stream()
                .filter(x -> Integer.toString(x.version()).equals(version) && x.complete()).findFirst()
                .orElseThrow(() -> new IOException("the recommender serves " + o.model() + " version " + version
                        + ", which is not a complete version in " + o.repository() + " (--repository)"));
        served = repository.load(v);
        ModelCard card = served.card();
        truth = groundTruth(card);
        steadyLaw = new ActivityLaw(served.users(), o.activityExponent(), o.coldShare());
        boolean population = o.driftChanges().contains(Scenario.DriftChange.POPULATION);
        boolean cold = o.driftChanges().contains(Scenario.DriftChange.COLD);
        driftLaw = steadyLaw.with(population ? o.driftExponent() : o.activityExponent(),
                cold ? o.driftColdShare() : o.coldShare());
        feedback = new FeedbackModel(o.feedbackPerList());
        Set<String> w = new LinkedHashSet<>();
        for (int i = 0; i < served.items().size(); i++) {
            String first = served.items().title(i).split("\\s+")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (first.length() >= 3) {
                w.add(first);
            }
        }
        words = w.isEmpty() ? new String[] {"love", "night", "war"} : w.toArray(String[]::new);
        int maxKnown = 0;
        for (int u = 0; u < served.users().size(); u++) {
            maxKnown = Math.max(maxKnown, served.users().userId(u));
        }
        // new users get ids no model user has, different from run to run (a returning id would be a known person)
        firstNewUserId = Math.max(maxKnown + 1, 1_000_000_000 + (int) ((System.currentTimeMillis() / 1000) % 100_000) * 10_000);
        log.printf(Locale.ROOT, "[simulate] %s against %s (model %s version %s, %,d users, %,d items); %d virtual users for %d s%n",
                o.scenario().label(), o.recommender(), o.model(), version, served.users().size(), served.items().size(),
                o.users(), o.duration().toSeconds());
        log.printf(Locale.ROOT, "[simulate] ground truth: %s%n", truth.describe());
        log.printf(Locale.ROOT, "[simulate] users: request share proportional to ratingCount^%.2f, %.0f%% new users; feedback %.2f events per list after %.1f s on average%n",
                steadyLaw.exponent(), steadyLaw.coldShare() * 100, o.feedbackPerList(), o.feedbackDelay().toMillis() / 1000.0);
        if (o.scenario() == Scenario.DRIFT) {
            log.printf(Locale.ROOT, "[simulate] drift from %d s: %s%n", o.driftAt().toSeconds(), describeDrift());
        } else if (o.scenario() == Scenario.DEGRADE) {
            log.printf(Locale.ROOT, "[simulate] degrade from %d s: a damaged copy of version %s serves until the end%n",
                    o.driftAt().toSeconds(), version);
        }
    }

    private String describeDrift() {
        List<String> parts = new ArrayList<>();
        for (Scenario.DriftChange c : o.driftChanges()) {
            parts.add(switch (c) {
                case POPULATION -> String.format(Locale.ROOT, "population (exponent %.2f)", o.driftExponent());
                case GENRES -> String.format(Locale.ROOT, "genres (%.0f%% of lists asked for %s)", o.driftGenreShare() * 100,
                        String.join("/", o.driftGenres()));
                case COLD -> String.format(Locale.ROOT, "cold start (%.0f%% new users)", o.driftColdShare() * 100);
            });
        }
        return String.join(", ", parts);
    }

    private GroundTruth groundTruth(ModelCard card) throws IOException {
        String source = card.data() == null ? null : card.data().source();
        SyntheticSpec spec = SyntheticWorld.parseSource(source);
        if (spec != null && o.dataDir() == null) {
            return GroundTruth.synthetic(SyntheticDataGenerator.world(spec));
        }
        Path dir = o.dataDir() != null ? o.dataDir() : source == null ? null : Path.of(source);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the model was trained on '" + source
                    + "', which is not here: pass the MovieLens directory with --data DIR");
        }
        return GroundTruth.resampled(MovieLensReader.read(dir, log));
    }

    private String servedVersion() throws IOException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(o.recommender().resolve("/api/v1/model")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("the recommender does not answer at " + o.recommender() + " (start the stack: make up): " + e, e);
        }
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !body.path("loaded").asBoolean() || !o.model().equals(body.path("name").asText())) {
            throw new IOException("the recommender at " + o.recommender() + " does not serve model " + o.model()
                    + " (GET /api/v1/model answered " + r.statusCode() + ": " + r.body() + ")");
        }
        return body.path("version").asText();
    }

    // ------------------------------------------------------------------ traffic

    private boolean driftActive() {
        return o.scenario() != Scenario.STEADY && startMs > 0
                && System.currentTimeMillis() - startMs >= o.driftAt().toMillis();
    }

    private void virtualUser(SplittableRandom random, long deadline) {
        int total = 0;
        for (int w : MIX) {
            total += w;
        }
        while (System.currentTimeMillis() < deadline) {
            int x = random.nextInt(total);
            if ((x -= MIX[0]) < 0) {
                recommend(random);
            } else if ((x -= MIX[1]) < 0) {
                String q = words[random.nextInt(words.length)];
                get(SEARCH, o.recommender().resolve("/api/v1/movies/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&limit=20"));
            } else if ((x -= MIX[2]) < 0) {
                get(MOVIE, o.recommender().resolve("/api/v1/movies/" + served.items().movieId(random.nextInt(served.items().size()))));
            } else {
                get(HEALTH, o.management().resolve("/q/health/ready"));
            }
        }
    }

    private void recommend(SplittableRandom random) {
        boolean drift = o.scenario() == Scenario.DRIFT && driftActive();
        int user = (drift ? driftLaw : steadyLaw).draw(random);
        int userId;
        GroundTruth.Person person;
        if (user == ActivityLaw.COLD) {
            userId = firstNewUserId + newUsers.getAndIncrement() % 10_000;
            person = truth.newcomer(random);
        } else {
            userId = served.users().userId(user);
            person = truth.known(userId);
        }
        String genre = null;
        if (drift && o.driftChanges().contains(Scenario.DriftChange.GENRES) && random.nextDouble() < o.driftGenreShare()) {
            genre = o.driftGenres().get(random.nextInt(o.driftGenres().size()));
        }
        URI uri = o.recommender().resolve("/api/v1/users/" + userId + "/recommendations?k=" + o.k()
                + (genre == null ? "" : "&genre=" + URLEncoder.encode(genre, StandardCharsets.UTF_8)));
        HttpResponse<String> r = get(RECOMMENDATIONS, uri);
        if (r == null || r.statusCode() != 200) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return;
        }
        lists.incrementAndGet();
        if (body.path("coldStart").asBoolean()) {
            coldLists.incrementAndGet();
        }
        if (genre != null) {
            genreLists.incrementAndGet();
        }
        String requestId = body.path("requestId").asText();
        JsonNode items = body.path("items");
        int[] movieIds = new int[items.size()];
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < movieIds.length; i++) {
            movieIds[i] = items.get(i).path("movieId").asInt();
            scores.put(movieIds[i], items.get(i).path("score").asDouble());
        }
        for (FeedbackModel.Feedback f : feedback.react(person, movieIds, random)) {
            double mean = o.feedbackDelay().toMillis();
            long delay = (long) Math.min(DELAY_CAP * mean, -Math.log(1 - random.nextDouble()) * mean);
            Double score = scores.get(f.movieId());
            try {
                feedbackSender.schedule(() -> sendFeedback(requestId, userId, f, score), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // the run is over
            }
        }
    }

    private void sendFeedback(String requestId, int userId, FeedbackModel.Feedback f, Double servedScore) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("userId", userId);
        body.put("movieId", f.movieId());
        if (f.rating() != null) {
            body.put("rating", f.rating());
        }
        body.put("event", f.event());
        HttpResponse<String> r;
        try {
            r = send(FEEDBACK, HttpRequest.newBuilder(o.gateway().resolve("/api/v1/feedback")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            r = null;
        }
        if (r != null && r.statusCode() / 100 == 2) {
            feedbackSent.incrementAndGet();
            if (f.rating() != null && servedScore != null) {
                double error = f.rating() - servedScore;
                squaredError.add(error * error);
                ratingsSent.incrementAndGet();
            }
        } else {
            feedbackFailed.incrementAndGet();
        }
    }

    private HttpResponse<String> get(String endpoint, URI uri) {
        return send(endpoint, HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    /** Sends, records the outcome under the endpoint's name; null when nothing came back. */
    private HttpResponse<String> send(String endpoint, HttpRequest request) {
        long start = System.nanoTime();
        HttpResponse<String> r = null;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // counted as a failure below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stats.record(endpoint, r != null && r.statusCode() / 100 == 2, (System.nanoTime() - start) / 1e6);
        return r;
    }

    // ------------------------------------------------------------------ degrade

    private void degrade() {
        try {
            ModelVersion source = served.version();
            Path dir = DamagedVersions.write(o.repository(), source, o.seed());
            damaged = new ModelRepository(o.repository()).versions(o.model()).stream()
                    .filter(v -> v.dir().getFileName().equals(dir.getFileName())).findFirst().orElseThrow();
            String answer = reload();
            log.printf(Locale.ROOT, "[simulate] degrade: damaged copy of version %d written as version %d and loaded: %s%n",
                    source.version(), damaged.version(), answer);
        } catch (IOException | RuntimeException e) {
            log.printf("[simulate] degrade failed: %s%n", e);
        }
    }

    /** Takes the damaged version out again and reloads, so the stack serves what it served before the run. */
    private synchronized void restoreQuietly() {
        ModelVersion v = damaged;
        if (v == null || o.keepDamaged()) {
            return;
        }
        damaged = null;
        try {
            DamagedVersions.remove(new ModelRepository(o.repository()), o.model(), v.version());
            log.printf("[simulate] degrade: removed damaged version %d; reload: %s%n", v.version(), reload());
        } catch (IOException | RuntimeException e) {
            log.printf("[simulate] could not restore after degrade (remove version %d with --remove-version, then reload): %s%n",
                    v.version(), e);
        }
    }

    private String reload() throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(o.recommender().resolve("/api/v1/model/reload"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + o.adminToken())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("POST /api/v1/model/reload answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode body = JSON.readTree(r.body());
            return "version " + body.path("version").asText() + " serves";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during reload", e);
        }
    }

    // ------------------------------------------------------------------ summary

    private Result finish(double seconds) throws IOException, InterruptedException {
        List<LoadStats.Row> rows = stats.rows(seconds);
        LoadStats.printTable(rows, log);
        LoadStats.Row totalRow = rows.get(rows.size() - 1);

        ModelCard.OfflineMetrics offline = served.card().offlineMetrics();
        JsonNode quality = quality();
        JsonNode overall = quality == null ? null : quality.path("overall");
        long n = ratingsSent.get();
        double sentRmse = n == 0 ? Double.NaN : Math.sqrt(squaredError.sum() / n);
        log.printf(Locale.ROOT, "%nquality of model %s version %d (%s traffic from %d):%n", o.model(),
                served.version().version(), o.scenario().label(), startMs);
        log.printf(Locale.ROOT, "%-34s %8s %8s %8s%n", "", "RMSE", "MAE", "NDCG@10");
        if (offline != null) {
            log.printf(Locale.ROOT, "%-34s %8.4f %8.4f %8.4f%n", "offline (model card, held-out)", offline.rmse(),
                    offline.mae(), offline.ndcgAt10());
        }
        if (overall != null) {
            log.printf(Locale.ROOT, "%-34s %8s %8s %8s   %d ratings, %d lists with feedback%n", "online (gateway GET /quality)",
                    num(overall.path("rmse")), num(overall.path("mae")), num(overall.path("ndcgAtK")),
                    overall.path("ratings").asLong(), overall.path("lists").asLong());
            quality.path("byVersion").fields().forEachRemaining(e -> log.printf(Locale.ROOT,
                    "%-34s %8s %8s %8s   %d ratings%n", "  of which version " + e.getKey(), num(e.getValue().path("rmse")),
                    num(e.getValue().path("mae")), num(e.getValue().path("ndcgAtK")), e.getValue().path("ratings").asLong()));
        } else {
            log.println("online (gateway GET /quality)      not available");
        }
        log.printf(Locale.ROOT, "%-34s %8.4f %8s %8s   %d ratings sent (their served scores as the simulator saw them)%n",
                "ratings sent by the simulator", sentRmse, "", "", n);
        log.printf(Locale.ROOT, "lists %,d (%,d cold start, %,d by genre); feedback %,d sent, %,d failed%n", lists.get(),
                coldLists.get(), genreLists.get(), feedbackSent.get(), feedbackFailed.get());
        log.println("NDCG: offline ranks every unseen item against held-out ratings; online scores each list by its own"
                + " feedback (docs/metrics-gateway.md), so the two differ by definition; compare RMSE.");

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", o.scenario().label());
        summary.put("model", o.model());
        summary.put("version", served.version().version());
        summary.put("from", startMs);
        summary.put("elapsed", seconds);
        summary.put("users", o.users());
        List<Map<String, Object>> jsonRows = new ArrayList<>();
        for (LoadStats.Row r : rows) {
            jsonRows.add(LoadStats.json(r));
        }
        summary.put("rows", jsonRows);
        summary.put("successRate", totalRow.success());
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("lists", lists.get());
        traffic.put("coldStartLists", coldLists.get());
        traffic.put("genreLists", genreLists.get());
        traffic.put("feedbackSent", feedbackSent.get());
        traffic.put("feedbackFailed", feedbackFailed.get());
        traffic.put("ratingsSent", n);
        traffic.put("ratingsSentRmse", Double.isNaN(sentRmse) ? null : sentRmse);
        summary.put("traffic", traffic);
        if (o.scenario() != Scenario.STEADY) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("at", startMs + o.driftAt().toMillis());
            if (o.scenario() == Scenario.DRIFT) {
                change.put("changes", o.driftChanges().stream().map(Scenario.DriftChange::label).toList());
            }
            summary.put("change", change);
        }
        summary.put("offline", offline);
        summary.put("online", quality == null ? null : JSON.convertValue(quality, Object.class));
        if (o.json() != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.json().toFile(), summary);
        }
        if (totalRow.success() < 0.99) {
            log.printf(Locale.ROOT, "[simulate] success rate %.2f %% is below 99 %%%n", 100 * totalRow.success());
        }
        return new Result(totalRow.success(), summary);
    }

    private JsonNode quality() throws InterruptedException {
        URI uri = o.gateway().resolve("/api/v1/quality?model=" + URLEncoder.encode(o.model(), StandardCharsets.UTF_8)
                + "&from=" + startMs);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            log.printf("[simulate] %s answered %d: %s%n", uri, r.statusCode(), r.body());
        } catch (IOException e) {
            log.printf("[simulate] %s failed: %s%n", uri, e);
        }
        return null;
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.4f", n.asDouble()) : "-";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
