package dev.recsys.gateway.quality.repository;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import dev.recsys.modelrepository.metrics.BeyondAccuracyMetrics;

/**
 * The catalog of each served model version, read from the model repository
 * ({@code {model}/{version}/model-card.json} and its {@code items.csv}): the items, their genres and
 * training rating counts for the beyond-accuracy metrics, and the offline metrics of the card. A
 * version is read once; a version that cannot be read (not in this gateway's repository, or not
 * complete yet by the rules of docs/model-repository.md) is looked for again on the next call.
 * Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class CatalogRepository {

    private static final Logger LOG = Logger.getLogger(CatalogRepository.class);

    /** One model version's catalog and card. */
    public record VersionCatalog(ItemTable items, ModelCard card) {
    }

    private final ModelRepository repository;
    private final ConcurrentMap<String, VersionCatalog> loaded = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> reportedMissing = new ConcurrentHashMap<>();

    public CatalogRepository(GatewayConfig config) {
        this.repository = new ModelRepository(Path.of(config.quality().modelRepository()));
    }

    public Optional<VersionCatalog> find(String model, String version) {
        String key = model + '\u0000' + version;
        VersionCatalog catalog = loaded.get(key);
        if (catalog != null) {
            return Optional.of(catalog);
        }
        // model and version come from events: only valid names (they stay inside the repository) are looked up
        if (!ModelRepository.isModelName(model) || !ModelRepository.isVersionName(version)) {
            return Optional.empty();
        }
        Optional<ModelVersion> complete = repository.complete(model, version);
        if (complete.isEmpty()) {
            if (reportedMissing.putIfAbsent(key, true) == null) {
                LOG.infof("no complete version %s of %s in %s: its beyond-accuracy metrics stay empty until it appears",
                        version, model, repository.root().toAbsolutePath());
            }
            return Optional.empty();
        }
        try {
            Path dir = complete.get().dir();
            ModelCard card = ModelRepository.readCard(dir);
            VersionCatalog read = new VersionCatalog(ItemTable.read(dir.resolve(card.files().items())), card);
            return Optional.of(loaded.computeIfAbsent(key, k -> read));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("catalog of %s version %s not readable: %s", model, version, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Intra-list diversity of a served list (docs/statistics.md §7) over its items that the version's catalog
     * holds; null when the catalog is unknown or fewer than two of the items are in it.
     */
    public Double intraListDiversity(String model, String version, Long[] movieIds) {
        return find(model, version).map(catalog -> {
            int[] items = new int[movieIds.length];
            int n = 0;
            for (Long movieId : movieIds) {
                int item = movieId == null || movieId > Integer.MAX_VALUE ? -1
                        : catalog.items().indexOf(movieId.intValue());
                if (item >= 0) {
                    items[n++] = item;
                }
            }
            double diversity = BeyondAccuracyMetrics.intraListDiversity(catalog.items(),
                    Arrays.copyOf(items, n));
            return Double.isNaN(diversity) ? null : diversity;
        }).orElse(null);
    }
}
