package dev.recsys.drift.monitor.service;

import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.common.db.DatabaseException;
import dev.recsys.drift.monitor.reference.AdminReferenceRepository;
import dev.recsys.drift.monitor.stream.PredictionStreams;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/**
 * The models this instance monitors: those whose prediction streams it has found (refreshed by
 * every scheduler tick), and those registered by an admin reference before their stream exists.
 */
@ApplicationScoped
public class MonitoredModels {

    /** Model names the API accepts; stream keys whose suffix does not match are ignored. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Logger LOG = Logger.getLogger(MonitoredModels.class);

    private final PredictionStreams streams;
    private final AdminReferenceRepository references;
    private final Database db;
    private final Set<String> models = new ConcurrentSkipListSet<>();
    /** Models with an admin reference, as last read from PostgreSQL. */
    private volatile Set<String> registered = Set.of();

    public MonitoredModels(PredictionStreams streams, AdminReferenceRepository references, Database db) {
        this.streams = streams;
        this.references = references;
        this.db = db;
    }

    /** Scans Redis for prediction streams; returns the models seen for the first time. */
    public Set<String> refresh() {
        Set<String> found = streams.models();
        found.removeIf(model -> !NAME.matcher(model).matches());
        Set<String> added = new TreeSet<>(found);
        added.removeAll(models);
        models.retainAll(found);
        models.addAll(found);
        return added;
    }

    /** Models with a prediction stream. */
    public Set<String> all() {
        return Set.copyOf(models);
    }

    /**
     * Models with a stream plus those registered by {@code PUT …/reference} before launch (they are
     * evaluated like the others: empty windows until their first events arrive). While PostgreSQL is
     * unavailable the registered models last read are used.
     */
    public Set<String> watched() {
        if (!db.availability().backingOff()) {
            try {
                Set<String> current = new TreeSet<>();
                references.models().stream().filter(model -> NAME.matcher(model).matches()).forEach(current::add);
                registered = Set.copyOf(current);
            } catch (DatabaseException e) {
                // the streams are still monitored, and the registered models as last read
                LOG.debugf(e, "Registered models unavailable");
            }
        }
        Set<String> watched = new TreeSet<>(models);
        watched.addAll(registered);
        return watched;
    }

    /** Whether {@code model} has a prediction stream (asks Redis when not yet seen by a scan). */
    public boolean isMonitored(String model) {
        if (models.contains(model)) {
            return true;
        }
        if (streams.exists(model)) {
            models.add(model);
            return true;
        }
        return false;
    }

    /** Whether {@code model} has a stream or is registered by an admin reference. */
    public boolean isWatched(String model) {
        return isMonitored(model) || registered.contains(model) || references.updatedAt(model).isPresent();
    }
}
