package dev.recsys.common.metrics;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The one way the services publish a gauge whose value they set: {@code set(name, description, value, tags)}
 * registers the series on first use and afterwards only stores the value (NaN is exported as NaN: "unknown").
 * Names follow Micrometer's dotted style ({@code model.loaded}); the Prometheus registry writes them in snake
 * case ({@code model_loaded}), so the exported names of docs/architecture.md §6 do not depend on how they are spelled here.
 */
@Singleton
public class SettableGauges {

    private record Series(AtomicLong bits, Gauge gauge) {
    }

    private final MeterRegistry registry;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public SettableGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets {@code name{tags}} (tags as key, value pairs), registering it on first use. */
    public void set(String name, String description, double value, String... tags) {
        set(name, description, value, Tags.of(tags));
    }

    /** Sets {@code name{tags}}, registering it on first use. */
    public void set(String name, String description, double value, Tags tags) {
        series.computeIfAbsent(key(name, tags), key -> {
            AtomicLong bits = new AtomicLong();
            Gauge gauge = Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get())).description(description)
                    .tags(tags).strongReference(true).register(registry);
            return new Series(bits, gauge);
        }).bits().set(Double.doubleToLongBits(value));
    }

    /** Removes {@code name{tags}} from the registry; a later {@link #set} registers it again. */
    public void remove(String name, String... tags) {
        Series removed = series.remove(key(name, Tags.of(tags)));
        if (removed != null) {
            registry.remove(removed.gauge());
        }
    }

    /**
     * Sets every given series of {@code name} and removes its other series, for gauges whose label values come
     * and go (the rows of the latest computation).
     */
    public synchronized void replace(String name, String description, Map<Tags, Double> rows) {
        Set<String> wanted = new HashSet<>();
        rows.keySet().forEach(tags -> wanted.add(key(name, tags)));
        series.entrySet().removeIf(entry -> {
            boolean stale = entry.getValue().gauge().getId().getName().equals(name) && !wanted.contains(entry.getKey());
            if (stale) {
                registry.remove(entry.getValue().gauge());
            }
            return stale;
        });
        rows.forEach((tags, value) -> set(name, description, value, tags));
    }

    private static String key(String name, Tags tags) {
        StringBuilder key = new StringBuilder(name);
        for (Tag tag : tags) {
            key.append('\u0000').append(tag.getKey()).append('\u0000').append(tag.getValue());
        }
        return key.toString();
    }
}
