package dev.recsys.recommender.recommend.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import dev.recsys.recommender.model.inference.InferenceBatcher;
import dev.recsys.recommender.model.inference.TopItems;
import dev.recsys.recommender.model.service.ModelLease;
import dev.recsys.recommender.model.service.ModelManager;
import dev.recsys.recommender.model.service.ServingModel;
import dev.recsys.recommender.recommend.activity.ActiveUsers;
import dev.recsys.recommender.recommend.cache.CachedList;
import dev.recsys.recommender.recommend.cache.RecommendationCache;
import dev.recsys.recommender.recommend.events.PredictionEvent;
import dev.recsys.recommender.recommend.events.PredictionEventPublisher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Serves a recommendation list: cache lookup, else inference (or the popular list for unknown users) with
 * the seen/genre filters, then one prediction event. Each step is a child span of the request's server span.
 * Nothing here blocks the calling (event-loop) thread: inference runs on the batcher's worker threads.
 */
@ApplicationScoped
public class RecommendationService {

    /** Extra candidates asked for beyond the expected need when filtering by genre, as a factor and a constant. */
    private static final double GENRE_HEADROOM = 1.5;
    private static final int GENRE_SLACK = 20;

    private final ModelManager models;
    private final RecommendationCache cache;
    private final PredictionEventPublisher events;
    private final RecommenderMetrics metrics;
    private final ActiveUsers activeUsers;
    private final Tracer tracer;

    public RecommendationService(ModelManager models, RecommendationCache cache, PredictionEventPublisher events,
            RecommenderMetrics metrics, ActiveUsers activeUsers, Tracer tracer) {
        this.models = models;
        this.cache = cache;
        this.events = events;
        this.metrics = metrics;
        this.activeUsers = activeUsers;
        this.tracer = tracer;
    }

    public Uni<RecommendationResponse> recommend(RecommendationQuery query) {
        Context parent = Context.current();
        String requestId = UUID.randomUUID().toString();
        ModelLease lease = models.acquire(query.userId())
                .orElseThrow(() -> ProblemException.unavailable("no model is loaded: " + models.state().failure()));
        try {
            ServingModel model = lease.model();
            Integer genreId = resolveGenre(model, query.genre());
            String genreName = genreId == null ? null : model.genres().name(genreId);
            int userIndex = model.users().indexOf(query.userId());
            String key = RecommendationCache.key(models.modelName(), model.cacheTag(), query.userId(), query.k(),
                    query.excludeSeen(), genreName);
            return lookup(parent, model, key)
                    .chain(hit -> hit.isPresent()
                            ? Uni.createFrom().item(new Served(hit.get(), true))
                            : compute(parent, model, userIndex, query, genreId)
                                    .invoke(list -> cacheStore(key, list))
                                    .map(list -> new Served(list, false)))
                    .map(served -> respond(parent, requestId, lease, userIndex, query, served))
                    .onFailure(e -> !(e instanceof ProblemException)).invoke(e -> metrics.modelError("inference"))
                    .onTermination().invoke(lease::close);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private record Served(CachedList list, boolean cached) {
    }

    private static Integer resolveGenre(ServingModel model, String genre) {
        if (genre == null) {
            return null;
        }
        Optional<Integer> id = model.genres().find(genre);
        if (id.isEmpty()) {
            throw ProblemException.badRequest("genre", "'" + genre + "' is unknown; known genres: "
                    + String.join(", ", model.genres().names()));
        }
        return id.get();
    }

    private Uni<Optional<CachedList>> lookup(Context parent, ServingModel model, String key) {
        if (!cache.enabled()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Span span = tracer.spanBuilder("recommendation cache lookup").setParent(parent)
                .setAttribute("db.system", "redis").setAttribute("model.version", model.versionLabel()).startSpan();
        return cache.get(key).invoke(hit -> {
            span.setAttribute("cache.hit", hit.isPresent());
            span.end();
        });
    }

    private void cacheStore(String key, CachedList list) {
        if (cache.enabled()) {
            cache.put(key, list);
        }
    }

    private Uni<CachedList> compute(Context parent, ServingModel model, int userIndex, RecommendationQuery query,
            Integer genreId) {
        if (userIndex < 0) {
            return Uni.createFrom().item(popular(model, query.k(), genreId));
        }
        int itemCount = model.items().size();
        long needed = query.k() + (query.excludeSeen() ? (long) model.seen().count(userIndex) : 0);
        if (genreId != null) {
            double share = Math.max(1, model.genres().itemCount(genreId)) / (double) itemCount;
            needed = (long) Math.ceil(needed / share * GENRE_HEADROOM) + GENRE_SLACK;
        }
        int candidates = (int) Math.min(itemCount, needed);
        return infer(parent, model, userIndex, candidates).chain(top -> {
            CachedList filtered = filter(model, userIndex, top, query, genreId);
            if (filtered.items().length >= query.k() || candidates >= itemCount) {
                return Uni.createFrom().item(filtered);
            }
            // too few candidates survived the filters: rank every item
            return infer(parent, model, userIndex, itemCount).map(all -> filter(model, userIndex, all, query, genreId));
        });
    }

    private Uni<TopItems> infer(Context parent, ServingModel model, int userIndex, int k) {
        Span span = tracer.spanBuilder("model inference").setParent(parent)
                .setAttribute("model", model.name())
                .setAttribute("version", model.versionLabel())
                .setAttribute("provider", model.provider().name())
                .setAttribute("k", k)
                .startSpan();
        return Uni.createFrom().completionStage(() -> model.batcher().submit(userIndex, k))
                .onItemOrFailure().transform((InferenceBatcher.Scored scored, Throwable failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.toString());
                        span.end();
                        throw new IllegalStateException("inference failed", failure);
                    }
                    span.setAttribute("batch_size", scored.batchSize());
                    span.end();
                    return scored.top();
                });
    }

    private static CachedList filter(ServingModel model, int userIndex, TopItems top, RecommendationQuery query,
            Integer genreId) {
        int k = query.k();
        int[] items = new int[k];
        float[] scores = new float[k];
        int n = 0;
        for (int i = 0; i < top.items().length && n < k; i++) {
            int item = top.items()[i];
            if (query.excludeSeen() && model.seen().contains(userIndex, item)) {
                continue;
            }
            if (genreId != null && !hasGenre(model.items(), item, genreId)) {
                continue;
            }
            items[n] = item;
            scores[n] = top.scores()[i];
            n++;
        }
        return new CachedList(false, Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
    }

    /** The model card's cold-start list, filtered by genre: what an unknown user gets. */
    private static CachedList popular(ServingModel model, int k, Integer genreId) {
        List<ModelCard.PopularItem> popular = model.card().popularItems() == null ? List.of() : model.card().popularItems();
        int[] items = new int[Math.min(k, popular.size())];
        float[] scores = new float[items.length];
        int n = 0;
        for (int i = 0; i < popular.size() && n < items.length; i++) {
            int item = model.items().indexOf(popular.get(i).movieId());
            if (item < 0 || genreId != null && !hasGenre(model.items(), item, genreId)) {
                continue;
            }
            items[n] = item;
            scores[n] = (float) popular.get(i).score();
            n++;
        }
        return new CachedList(true, Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
    }

    private static boolean hasGenre(ItemTable items, int item, int genreId) {
        for (int g : items.genreIds(item)) {
            if (g == genreId) {
                return true;
            }
        }
        return false;
    }

    private RecommendationResponse respond(Context parent, String requestId, ModelLease lease, int userIndex,
            RecommendationQuery query, Served served) {
        ServingModel model = lease.model();
        CachedList list = served.list();
        ItemTable table = model.items();
        List<RecommendationResponse.Item> items = new ArrayList<>(list.items().length);
        int[] movieIds = new int[list.items().length];
        for (int i = 0; i < movieIds.length; i++) {
            int item = list.items()[i];
            movieIds[i] = table.movieId(item);
            items.add(new RecommendationResponse.Item(movieIds[i], table.title(item), table.genreList(item), list.scores()[i]));
        }
        metrics.generated(models.modelName(), model.versionLabel(), list.coldStart());
        metrics.scores(models.modelName(), model.versionLabel(), list.scores());
        activeUsers.served(query.userId());
        publishEvent(parent, requestId, lease, userIndex, query, served, movieIds);
        return new RecommendationResponse(requestId, query.userId(),
                new RecommendationResponse.ModelRef(models.modelName(), model.versionLabel()), list.coldStart(),
                served.cached(), lease.experiment(), lease.variant(), items);
    }

    private void publishEvent(Context parent, String requestId, ModelLease lease, int userIndex,
            RecommendationQuery query, Served served, int[] movieIds) {
        ServingModel model = lease.model();
        Span span = tracer.spanBuilder("prediction event publish").setParent(parent)
                .setAttribute("messaging.system", "redis")
                .setAttribute("messaging.destination.name", PredictionEvent.stream(models.modelName()))
                .startSpan();
        try {
            SpanContext request = Span.fromContext(parent).getSpanContext();
            CachedList list = served.list();
            PredictionEvent event = new PredictionEvent(PredictionEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                    System.currentTimeMillis(), models.modelName(), model.versionLabel(), requestId,
                    request.isValid() ? request.getTraceId() : null, request.isValid() ? request.getSpanId() : null,
                    query.userId(), query.k(), list.coldStart(), served.cached(), lease.experiment(), lease.variant(),
                    movieIds, list.scores(),
                    model.features().compute(model.users(), userIndex, list.items(), list.scores(), list.items().length));
            events.publish(event);
        } finally {
            span.end();
        }
    }
}
