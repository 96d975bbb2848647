package dev.recsys.drift.monitor.service;

import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.monitor.history.HistoryWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** What the monitor works around now (see {@link Degradation}); empty when nothing is degraded. */
@ApplicationScoped
public class Degradations {

    private final Database db;
    private final HistoryWriter history;

    public Degradations(Database db, HistoryWriter history) {
        this.db = db;
        this.history = history;
    }

    public List<Degradation> current() {
        Optional<Long> down = db.availability().downSince();
        long queued = history.queued();
        if (down.isPresent()) {
            return List.of(new Degradation("postgresql", down.get(), "history writes are queued in Redis and "
                    + "written when PostgreSQL answers again; references come from this instance's cache; history, "
                    + "archived reports and reference changes answer 503", queued));
        }
        if (queued > 0) {
            return List.of(new Degradation("postgresql", null, "PostgreSQL is back; queued history writes are "
                    + "being written", queued));
        }
        return List.of();
    }
}
