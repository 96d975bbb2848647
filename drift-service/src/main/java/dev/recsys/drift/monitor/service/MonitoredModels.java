package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.stream.PredictionStreams;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/** The models whose prediction streams this instance has found (refreshed by every scheduler tick). */
@ApplicationScoped
public class MonitoredModels {

    /** Model names the API accepts; stream keys whose suffix does not match are ignored. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final PredictionStreams streams;
    private final Set<String> models = new ConcurrentSkipListSet<>();

    public MonitoredModels(PredictionStreams streams) {
        this.streams = streams;
    }

    /** Scans Redis for prediction streams; returns the models seen for the first time. */
    public Set<String> refresh() {
        Set<String> found = streams.models();
        found.removeIf(model -> !NAME.matcher(model).matches());
        Set<String> added = new java.util.TreeSet<>(found);
        added.removeAll(models);
        models.retainAll(found);
        models.addAll(found);
        return added;
    }

    public Set<String> all() {
        return Set.copyOf(models);
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
}
