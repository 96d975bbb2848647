package dev.recsys.gateway.quality.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.repository.QualityRepository.Slice;
import dev.recsys.gateway.quality.repository.QualityRepository.SliceQuality;
import dev.recsys.modelrepository.ModelCard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Quality gauges of docs/architecture.md §6 over a rolling window, labelled {model, version, variant}
 * (variant "none" outside an experiment), and the genre share of each model's served items labelled
 * {model, genre}. A value that is undefined in the window is not exported.
 */
@ApplicationScoped
public class QualityGauges {

    private static final Logger LOG = Logger.getLogger(QualityGauges.class);

    private final QualityService quality;
    private final GatewayConfig.Quality config;
    private final Map<MultiGauge, Function<QualityMetrics, Double>> gauges = new LinkedHashMap<>();
    /** recommendation_genre_share{model,genre}, of each model's whole traffic. */
    private final MultiGauge genreShare;

    public QualityGauges(QualityService quality, GatewayConfig config, MeterRegistry registry) {
        this.quality = quality;
        this.config = config.quality();
        String window = " over the rolling window gateway.quality.window";
        gauge(registry, "model.rmse", "Online RMSE of served scores vs ratings" + window, QualityMetrics::rmse);
        gauge(registry, "model.mae", "Online MAE of served scores vs ratings" + window, QualityMetrics::mae);
        gauge(registry, "model.precision.at.k", "Online precision@k" + window, QualityMetrics::precisionAtK);
        gauge(registry, "model.recall.at.k", "Online recall@k" + window, QualityMetrics::recallAtK);
        gauge(registry, "model.ndcg.at.k", "Online NDCG@k" + window, QualityMetrics::ndcgAtK);
        gauge(registry, "recommendation.acceptance.rate",
                "Lists with relevant feedback / lists with feedback" + window, QualityMetrics::acceptanceRate);
        gauge(registry, "user.satisfaction.score", "Mean rating" + window, QualityMetrics::meanRating);
        gauge(registry, "user.engagement.rate", "Lists with feedback / lists served" + window,
                QualityMetrics::engagementRate);
        String served = " of the lists served in the rolling window gateway.quality.window";
        gauge(registry, "recommendation.catalog.coverage", "Distinct catalog items served / catalog size" + served,
                beyond(ModelCard.BeyondAccuracy::catalogCoverage));
        gauge(registry, "recommendation.unique.items", "Distinct items served" + served,
                beyond(b -> (double) b.uniqueItems()));
        gauge(registry, "recommendation.intra.list.diversity",
                "Mean over lists of 1 - mean pairwise genre Jaccard similarity" + served,
                beyond(ModelCard.BeyondAccuracy::intraListDiversity));
        gauge(registry, "recommendation.novelty", "Mean -log2 training popularity of served item slots" + served,
                beyond(ModelCard.BeyondAccuracy::novelty));
        gauge(registry, "recommendation.popularity.gini", "Gini coefficient of item exposure over the catalog" + served,
                beyond(ModelCard.BeyondAccuracy::popularityGini));
        gauge(registry, "recommendation.quality.score",
                "Online NDCG@k / the version's offline NDCG@10 from its model card" + window,
                QualityMetrics::qualityScore);
        genreShare = MultiGauge.builder("recommendation.genre.share")
                .description("Share of served item slots per genre (an item with g genres adds 1/g to each)" + served)
                .register(registry);
    }

    /** A beyond-accuracy value of a slice; absent while nothing was served. */
    private static Function<QualityMetrics, Double> beyond(Function<ModelCard.BeyondAccuracy, Double> value) {
        return metrics -> metrics.beyondAccuracy() == null || metrics.beyondAccuracy().lists() == 0 ? null
                : value.apply(metrics.beyondAccuracy());
    }

    private void gauge(MeterRegistry registry, String name, String description,
            Function<QualityMetrics, Double> value) {
        gauges.put(MultiGauge.builder(name).description(description).register(registry), value);
    }

    @Scheduled(every = "${gateway.quality.gauge-refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Instant now = Instant.now();
        TimeRange range = new TimeRange(now.minus(config.window()), now);
        return quality.models(range)
                .onItem().transformToMulti(models -> Multi.createFrom().iterable(models))
                .onItem().transformToUniAndConcatenate(model -> quality.slices(model, range)
                        .map(slices -> slices.stream()
                                .filter(slice -> QualityService.isVersionAndVariant(slice)
                                        || slice.slice() == Slice.OVERALL)
                                .map(slice -> Map.entry(model, slice)).toList()))
                .collect().asList()
                .invoke(perModel -> publish(perModel.stream().flatMap(List::stream).toList()))
                .onFailure().invoke(e -> LOG.warnf("quality gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void publish(List<Map.Entry<String, SliceQuality>> slices) {
        List<MultiGauge.Row<?>> genres = new ArrayList<>();
        for (Map.Entry<String, SliceQuality> entry : slices) {
            ModelCard.BeyondAccuracy beyond = entry.getValue().metrics().beyondAccuracy();
            if (entry.getValue().slice() == Slice.OVERALL && beyond != null) {
                beyond.genreShare().forEach((genre, share) ->
                        genres.add(MultiGauge.Row.of(Tags.of("model", entry.getKey(), "genre", genre), share)));
            }
        }
        genreShare.register(genres, true);
        gauges.forEach((gauge, value) -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Map.Entry<String, SliceQuality> entry : slices) {
                SliceQuality slice = entry.getValue();
                if (!QualityService.isVersionAndVariant(slice)) {
                    continue;
                }
                Double number = value.apply(slice.metrics());
                if (number != null) {
                    Tags tags = Tags.of("model", entry.getKey(), "version", slice.version(),
                            "variant", slice.variant().isEmpty() ? "none" : slice.variant());
                    rows.add(MultiGauge.Row.of(tags, number));
                }
            }
            gauge.register(rows, true);
        });
    }
}
