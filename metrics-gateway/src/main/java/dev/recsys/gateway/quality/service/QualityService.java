package dev.recsys.gateway.quality.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.common.rest.ProblemException;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.QualityReport;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.repository.CatalogRepository.VersionCatalog;
import dev.recsys.gateway.quality.repository.CatalogRepository;
import dev.recsys.gateway.quality.repository.QualityRepository.Slice;
import dev.recsys.gateway.quality.repository.QualityRepository.SliceQuality;
import dev.recsys.gateway.quality.repository.QualityRepository;
import dev.recsys.gateway.quality.repository.ServedItemsRepository.Cell;
import dev.recsys.gateway.quality.repository.ServedItemsRepository;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.metrics.BeyondAccuracyMetrics;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Online quality of a model over a time range, overall, per version and per A/B variant. */
@ApplicationScoped
public class QualityService {

    private static final Logger LOG = Logger.getLogger(QualityService.class);

    /** The k of the model card's offline ranking metrics. */
    private static final int OFFLINE_K = 10;

    private final QualityRepository repository;
    private final ServedItemsRepository servedItems;
    private final CatalogRepository catalogRepository;
    private final GatewayConfig.Quality config;

    private final int retryAfterSeconds;

    public QualityService(QualityRepository repository, ServedItemsRepository servedItems,
            CatalogRepository catalogRepository, GatewayConfig config) {
        this.repository = repository;
        this.servedItems = servedItems;
        this.catalogRepository = catalogRepository;
        this.config = config.quality();
        this.retryAfterSeconds = config.feedback().retryAfterSeconds();
    }

    @WithSpan("QualityService.report")
    public Uni<QualityReport> report(String model, TimeRange range) {
        return slices(model, range).map(slices -> {
            QualityMetrics overall = null;
            Map<String, QualityMetrics> byVersion = new TreeMap<>();
            Map<String, QualityMetrics> byVariant = new TreeMap<>();
            for (SliceQuality slice : slices) {
                switch (slice.slice()) {
                    case OVERALL -> overall = slice.metrics();
                    case VERSION -> byVersion.put(slice.version(), slice.metrics());
                    // lists served outside any experiment have no variant to report under
                    case VARIANT -> {
                        if (!slice.variant().isEmpty()) {
                            byVariant.put(slice.variant(), slice.metrics());
                        }
                    }
                    case VERSION_AND_VARIANT -> {
                    }
                }
            }
            return new QualityReport(model, range.from().toEpochMilli(), range.to().toEpochMilli(), config.k(),
                    overall, byVersion, byVariant);
        });
    }

    /** Every slice, including per (version, variant), as the gauges need them. */
    public Uni<List<SliceQuality>> slices(String model, TimeRange range) {
        return Uni.combine().all()
                .unis(repository.quality(model, range, config.relevantRating(), config.k()),
                        servedItems.cells(model, range))
                .asTuple()
                // the first sight of a version reads its catalog from the model repository
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(qualityAndCells -> withBeyondAccuracy(model, qualityAndCells.getItem1(),
                        qualityAndCells.getItem2()))
                .onFailure().transform(failure -> {
                    LOG.warnf("quality not computed: %s", failure.toString());
                    return ProblemException.unavailable("PostgreSQL unavailable; retry later", retryAfterSeconds);
                });
    }

    /**
     * Adds to each slice the beyond-accuracy metrics of the lists served in the window (docs/statistics.md §7)
     * and its quality score: online NDCG@k over the offline NDCG@10 of the slice's versions, weighted by
     * the slice's lists with feedback per version; null while fewer than
     * {@code gateway.quality.quality-score-min-lists} lists have feedback, when k is not 10 (the card's
     * k), or when a version's card is unknown.
     */
    private List<SliceQuality> withBeyondAccuracy(String model, List<SliceQuality> slices, List<Cell> cells) {
        Map<String, Optional<VersionCatalog>> catalogs = new HashMap<>();
        for (Cell cell : cells) {
            catalogs.computeIfAbsent(cell.version(), version -> catalog(model, version));
        }
        for (SliceQuality slice : slices) {
            if (isVersionAndVariant(slice)) {
                catalogs.computeIfAbsent(slice.version(), version -> catalog(model, version));
            }
        }
        List<SliceQuality> out = new ArrayList<>(slices.size());
        for (SliceQuality slice : slices) {
            BeyondAccuracyMetrics beyond = new BeyondAccuracyMetrics();
            for (Cell cell : cells) {
                if (slice.holds(cell.version(), cell.variant())) {
                    add(beyond, catalogs.get(cell.version()).orElse(null), cell);
                }
            }
            out.add(slice.with(slice.metrics().withBeyondAccuracy(beyond.result(),
                    qualityScore(slice, slices, catalogs))));
        }
        return out;
    }

    private Optional<VersionCatalog> catalog(String model, String version) {
        return catalogRepository.find(model, version);
    }

    private static void add(BeyondAccuracyMetrics beyond, VersionCatalog catalog, Cell cell) {
        beyond.addLists(cell.lists()).addDiversity(cell.diversitySum(), cell.diversityLists());
        cell.exposure().forEach((movieId, count) -> {
            int item = catalog == null || movieId > Integer.MAX_VALUE ? -1
                    : catalog.items().indexOf(movieId.intValue());
            if (item >= 0) {
                beyond.addExposure(catalog.items(), item, count);
            } else {
                beyond.addUnknownItem(movieId);
            }
        });
    }

    private Double qualityScore(SliceQuality slice, List<SliceQuality> slices,
            Map<String, Optional<VersionCatalog>> catalogs) {
        Double online = slice.metrics().ndcgAtK();
        if (online == null || config.k() != OFFLINE_K || slice.metrics().lists() < config.qualityScoreMinLists()) {
            return null;
        }
        double offline = 0;
        long lists = 0;
        for (SliceQuality cell : slices) {
            if (isVersionAndVariant(cell) && slice.holds(cell.version(), cell.variant())
                    && cell.metrics().lists() > 0) {
                ModelCard.OfflineMetrics card = catalogs.get(cell.version())
                        .map(catalog -> catalog.card().offlineMetrics()).orElse(null);
                if (card == null) {
                    return null;
                }
                offline += card.ndcgAt10() * cell.metrics().lists();
                lists += cell.metrics().lists();
            }
        }
        return lists == 0 || offline <= 0 ? null : online / (offline / lists);
    }

    public Uni<List<String>> models(TimeRange range) {
        return repository.models(range);
    }

    public static boolean isVersionAndVariant(SliceQuality slice) {
        return slice.slice() == Slice.VERSION_AND_VARIANT;
    }
}
