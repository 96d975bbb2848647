package dev.recsys.drift.monitor.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The event ids of a live window's readable rows, kept as rows are added and evicted, so finding
 * the window's duplicates looks only at ids held more than once instead of hashing every id at
 * every evaluation. A row's location is its bucket's minute and row ({@code minute << 32 | row}).
 */
final class EventIds {

    /** Bytes per id held (hash map entry and boxed location), for the memory budget. */
    static final long BYTES_PER_ID = 64;

    /** Per id one location of a row holding it. */
    private final Map<String, Long> held = new HashMap<>();
    /** Per id held more than once, every location holding it. */
    private final Map<String, List<Long>> repeated = new HashMap<>();

    void add(String id, long location) {
        Long earlier = held.putIfAbsent(id, location);
        if (earlier != null) {
            repeated.computeIfAbsent(id, k -> new ArrayList<>(List.of(earlier))).add(location);
        }
    }

    void remove(String id, long location) {
        List<Long> locations = repeated.get(id);
        if (locations == null) {
            held.remove(id, location);
            return;
        }
        locations.remove(Long.valueOf(location));
        held.put(id, locations.get(0));
        if (locations.size() == 1) {
            repeated.remove(id);
        }
    }

    /** Each id held more than once with the locations holding it. */
    void forEachRepeated(BiConsumer<String, List<Long>> action) {
        repeated.forEach(action);
    }

    long bytes() {
        return BYTES_PER_ID * held.size();
    }
}
