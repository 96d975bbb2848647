package dev.recsys.recommender.model.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.recsys.recommender.catalog.service.CatalogAvailability;
import io.quarkus.runtime.StartupEvent;

/** Loads the model at start and on reload, and brings the catalog in line with what serves. */
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

    private final ModelManager models;
    private final CatalogAvailability catalog;
    private volatile boolean startupDone;

    public ModelLifecycle(ModelManager models, CatalogAvailability catalog) {
        this.models = models;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent startup) {
        try {
            reload();
        } catch (ModelManager.ModelLoadException | RuntimeException e) {
            // the service starts anyway; readiness stays DOWN and says why
            LOG.errorf("no model is served: %s", e.getMessage());
        } finally {
            startupDone = true;
        }
    }

    /**
     * Blocking: loads the newest version (or the experiment's versions) and imports their items into the catalog.
     * The new version serves once loaded: when the catalog database cannot take the items, the import waits for
     * it (the service is degraded meanwhile, see {@link CatalogAvailability}) and the reload still succeeds.
     */
    public synchronized ServingState reload() throws ModelManager.ModelLoadException {
        ServingState state = models.reload();
        for (ServingModel model : state.models()) {
            catalog.importOrDefer(model.items());
        }
        return state;
    }

    public boolean startupDone() {
        return startupDone;
    }
}
