package dev.recsys.gateway.quality.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.common.metrics.SettableGauges;
import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.repository.QualityRepository.Slice;
import dev.recsys.gateway.quality.repository.QualityRepository.SliceQuality;
import dev.recsys.modelrepository.ModelCard;
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

    private static final String GENRE_SHARE = "recommendation.genre.share";
    private static final String SERVED = " of the lists served in the rolling window gateway.quality.window";

    private record QualityGauge(String name, String description, Function<QualityMetrics, Double> value) {
    }

    private final QualityService quality;
    private final GatewayConfig.Quality config;
    private final SettableGauges settable;
    private final List<QualityGauge> gauges = new ArrayList<>();

    public QualityGauges(QualityService quality, GatewayConfig config, SettableGauges settable) {
        this.quality = quality;
        this.config = config.quality();
        this.settable = settable;
        String window = " over the rolling window gateway.quality.window";
        gauge("model.rmse", "Online RMSE of served scores vs ratings" + window, QualityMetrics::rmse);
        gauge("model.mae", "Online MAE of served scores vs ratings" + window, QualityMetrics::mae);
        gauge("model.precision.at.k", "Online precision@k" + window, QualityMetrics::precisionAtK);
        gauge("model.recall.at.k", "Online recall@k" + window, QualityMetrics::recallAtK);
        gauge("model.ndcg.at.k", "Online NDCG@k" + window, QualityMetrics::ndcgAtK);
        gauge("recommendation.acceptance.rate",
                "Lists with relevant feedback / lists with feedback" + window, QualityMetrics::acceptanceRate);
        gauge("user.satisfaction.score", "Mean rating" + window, QualityMetrics::meanRating);
        gauge("user.engagement.rate", "Lists with feedback / lists served" + window,
                QualityMetrics::engagementRate);
        gauge("recommendation.catalog.coverage", "Distinct catalog items served / catalog size" + SERVED,
                beyond(ModelCard.BeyondAccuracy::catalogCoverage));
        gauge("recommendation.unique.items", "Distinct items served" + SERVED,
                beyond(b -> (double) b.uniqueItems()));
        gauge("recommendation.intra.list.diversity",
                "Mean over lists of 1 - mean pairwise genre Jaccard similarity" + SERVED,
                beyond(ModelCard.BeyondAccuracy::intraListDiversity));
        gauge("recommendation.novelty", "Mean -log2 training popularity of served item slots" + SERVED,
                beyond(ModelCard.BeyondAccuracy::novelty));
        gauge("recommendation.popularity.gini", "Gini coefficient of item exposure over the catalog" + SERVED,
                beyond(ModelCard.BeyondAccuracy::popularityGini));
        gauge("recommendation.quality.score",
                "Online NDCG@k / the version's offline NDCG@10 from its model card" + window,
                QualityMetrics::qualityScore);
    }

    /** A beyond-accuracy value of a slice; absent while nothing was served. */
    private static Function<QualityMetrics, Double> beyond(Function<ModelCard.BeyondAccuracy, Double> value) {
        return metrics -> metrics.beyondAccuracy() == null || metrics.beyondAccuracy().lists() == 0 ? null
                : value.apply(metrics.beyondAccuracy());
    }

    private void gauge(String name, String description, Function<QualityMetrics, Double> value) {
        gauges.add(new QualityGauge(name, description, value));
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

    /** Sets the rows of the latest refresh; a row that is no longer computed disappears. */
    private void publish(List<Map.Entry<String, SliceQuality>> slices) {
        Map<Tags, Double> genres = new LinkedHashMap<>();
        for (Map.Entry<String, SliceQuality> entry : slices) {
            ModelCard.BeyondAccuracy beyond = entry.getValue().metrics().beyondAccuracy();
            if (entry.getValue().slice() == Slice.OVERALL && beyond != null) {
                beyond.genreShare().forEach((genre, share) ->
                        genres.put(Tags.of("model", entry.getKey(), "genre", genre), share));
            }
        }
        settable.replace(GENRE_SHARE,
                "Share of served item slots per genre (an item with g genres adds 1/g to each)" + SERVED, genres);
        for (QualityGauge gauge : gauges) {
            Map<Tags, Double> rows = new LinkedHashMap<>();
            for (Map.Entry<String, SliceQuality> entry : slices) {
                SliceQuality slice = entry.getValue();
                if (!QualityService.isVersionAndVariant(slice)) {
                    continue;
                }
                Double number = gauge.value().apply(slice.metrics());
                if (number != null) {
                    rows.put(Tags.of("model", entry.getKey(), "version", slice.version(),
                            "variant", slice.variant().isEmpty() ? "none" : slice.variant()), number);
                }
            }
            settable.replace(gauge.name(), gauge.description(), rows);
        }
    }
}
