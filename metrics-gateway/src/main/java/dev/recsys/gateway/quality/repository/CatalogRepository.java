package dev.recsys.gateway.quality.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.modelbuilder.eval.BeyondAccuracyMetrics;
import dev.recsys.modelbuilder.repository.ItemTable;
import dev.recsys.modelbuilder.repository.ModelCard;
import dev.recsys.modelbuilder.repository.ModelRepository;

/**
 * The catalog of each served model version, read from the model repository
 * ({@code {model}/{version}/model-card.json} and its {@code items.csv}): the items, their genres and
 * training rating counts for the beyond-accuracy metrics, and the offline metrics of the card. A
 * version is read once; a version that cannot be read (not in this gateway's repository, or not
 * complete yet) is looked for again on the next call. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class CatalogRepository {

    private static final Logger LOG = Logger.getLogger(CatalogRepository.class);

    /** One model version's catalog and card. */
    public record VersionCatalog(ItemTable items, ModelCard card) {
    }

    private final Path root;
    private final ConcurrentMap<String, VersionCatalog> loaded = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> reportedMissing = new ConcurrentHashMap<>();

    public CatalogRepository(GatewayConfig config) {
        this.root = Path.of(config.quality().modelRepository());
    }

    public Optional<VersionCatalog> find(String model, String version) {
        String key = model + '\u0000' + version;
        VersionCatalog catalog = loaded.get(key);
        if (catalog != null) {
            return Optional.of(catalog);
        }
        // model and version come from events: only names that stay inside the repository are looked up
        if (!model.matches("[A-Za-z0-9._-]{1,128}") || model.startsWith(".") || !version.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        Path dir = root.resolve(model).resolve(version);
        if (!Files.isRegularFile(dir.resolve(ModelCard.FILE_NAME))) {
            if (reportedMissing.putIfAbsent(key, true) == null) {
                LOG.infof("no catalog for %s version %s in %s: its beyond-accuracy metrics stay empty until it appears",
                        model, version, root.toAbsolutePath());
            }
            return Optional.empty();
        }
        try {
            ModelCard card = ModelRepository.readCard(dir);
            String items = card.files() == null ? "items.csv" : card.files().items();
            VersionCatalog read = new VersionCatalog(ItemTable.read(dir.resolve(items)), card);
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
