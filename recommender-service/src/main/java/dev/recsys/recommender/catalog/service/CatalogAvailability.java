package dev.recsys.recommender.catalog.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.recsys.common.rest.Unavailable;
import dev.recsys.modelrepository.ItemTable;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Whether the catalog database (PostgreSQL) answers. Its loss only degrades the service: recommendations are
 * computed from the loaded model, only movie lookups and search need it. Every {@value #PROBE_SECONDS} s it pings
 * the database ({@code SELECT 1}, {@value #PROBE_TIMEOUT_MS} ms timeout), sets
 * {@code dependency_degraded{dependency="postgresql"}} and, once the database is back, imports the items a
 * reload could not import while it was away.
 */
@ApplicationScoped
public class CatalogAvailability {

    public static final String DEPENDENCY = "postgresql";
    static final int PROBE_SECONDS = 5;
    static final int PROBE_TIMEOUT_MS = 2000;
    private static final Logger LOG = Logger.getLogger(CatalogAvailability.class);

    private final Pool pool;
    private final Vertx vertx;
    private final CatalogImporter importer;
    private final RecommenderMetrics metrics;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<ItemTable> pendingImports = new ArrayList<>();
    private long timer = -1;

    public CatalogAvailability(Pool pool, Vertx vertx, CatalogImporter importer, RecommenderMetrics metrics) {
        this.pool = pool;
        this.vertx = vertx;
        this.importer = importer;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent startup) {
        metrics.dependencyDegraded(DEPENDENCY, this::degraded);
        timer = vertx.setPeriodic(PROBE_SECONDS * 1000L, id -> probe());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void probe() {
        pool.query("SELECT 1").execute().ifNoItem().after(Duration.ofMillis(PROBE_TIMEOUT_MS)).fail()
                .subscribe().with(rows -> {
                    if (failure.get() != null || hasPending()) {
                        vertx.executeBlocking(() -> {
                            recovered();
                            return null;
                        }).subscribe().with(x -> { }, e -> LOG.debugf("catalog recovery failed: %s", e));
                    }
                }, this::failed);
    }

    /** Imports the items a failed import left behind (blocking), then clears the degraded state. */
    private void recovered() {
        List<ItemTable> pending;
        synchronized (pendingImports) {
            pending = new ArrayList<>(pendingImports);
        }
        for (ItemTable items : pending) {
            importer.importItems(items);
            synchronized (pendingImports) {
                pendingImports.remove(items);
            }
        }
        if (failure.getAndSet(null) != null) {
            LOG.infof("catalog database answers again%s", pending.isEmpty() ? "" : "; the serving models' items are imported");
        }
    }

    /**
     * Blocking: imports a serving model's items; when the database cannot take them the service goes on
     * degraded and the import is retried once the database answers again.
     */
    public void importOrDefer(ItemTable items) {
        try {
            importer.importItems(items);
        } catch (RuntimeException e) {
            synchronized (pendingImports) {
                pendingImports.add(items);
            }
            failed(e);
        }
    }

    private boolean hasPending() {
        synchronized (pendingImports) {
            return !pendingImports.isEmpty();
        }
    }

    /** Records a failure of the catalog database seen by a request, import or probe. */
    public void failed(Throwable e) {
        if (failure.getAndSet(Unavailable.describe(e)) == null) {
            LOG.warnf("catalog database unavailable (%s): movie lookups and search answer 503, recommendations go on",
                    Unavailable.describe(e));
        }
    }

    /**
     * True when the failure means the database cannot be reached (down, hung, connection lost), so that retrying
     * helps: service-common's rule, plus a query that ran past its time limit and PostgreSQL's own "connection"
     * (08), "operator intervention" (57P) and "insufficient resources" (53) errors.
     */
    public static boolean unreachable(Throwable e) {
        if (Unavailable.isUnavailable(e)) {
            return true;
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof io.smallrye.mutiny.TimeoutException
                    || (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                            && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                                    || pg.getSqlState().startsWith("53")))) {
                return true;
            }
        }
        return false;
    }

    public boolean degraded() {
        return failure.get() != null || hasPending();
    }

    /** Why the catalog is degraded (null when it is not). */
    public String reason() {
        String f = failure.get();
        return f != null ? f : hasPending() ? "catalog import pending" : null;
    }
}
