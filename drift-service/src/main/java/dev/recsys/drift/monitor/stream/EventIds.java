package dev.recsys.drift.monitor.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * The event ids of a live window's readable rows, kept as rows are added and evicted, so finding
 * the window's duplicates looks only at ids held more than once instead of hashing every id at
 * every evaluation. A row's location is its bucket's minute and row ({@code minute << 32 | row}).
 *
 * <p>Every event passes through here, so the ids held once (almost all of them) are an
 * open-addressing table of primitive longs, a 64-bit hash of the id and one location holding it,
 * rather than a hash map of strings and boxed longs. A hash match is confirmed against the id the
 * location's row holds, so two ids sharing a hash are still told apart.
 */
final class EventIds {

    private static final int INITIAL_SLOTS = 1024;
    /** An empty slot; a hash of 0 is stored as 1. */
    private static final long EMPTY = 0;

    /** The id the row at a location holds. */
    private final LongFunction<String> idAt;
    private long[] hashes = new long[INITIAL_SLOTS];
    private long[] locations = new long[INITIAL_SLOTS];
    private int held;
    /** Per id held more than once, every location holding it. */
    private final Map<String, List<Long>> repeated = new HashMap<>();

    EventIds(LongFunction<String> idAt) {
        this.idAt = idAt;
    }

    void add(String id, long location) {
        long hash = hash(id);
        int slot = find(hash, id);
        if (slot >= 0) {
            long earlier = locations[slot];
            repeated.computeIfAbsent(id, k -> new ArrayList<>(List.of(earlier))).add(location);
            return;
        }
        if (2 * (held + 1) > hashes.length) {
            grow();
        }
        insert(hash, location);
        held++;
    }

    void remove(String id, long location) {
        int slot = find(hash(id), id);
        if (slot < 0) {
            return;
        }
        List<Long> all = repeated.get(id);
        if (all == null) {
            if (locations[slot] == location) {
                delete(slot);
                held--;
            }
            return;
        }
        all.remove(Long.valueOf(location));
        locations[slot] = all.get(0);
        if (all.size() == 1) {
            repeated.remove(id);
        }
    }

    /** Each id held more than once with the locations holding it. */
    void forEachRepeated(BiConsumer<String, List<Long>> action) {
        repeated.forEach(action);
    }

    /** Bytes of the table (and of the few repeated ids), for the memory budget. */
    long bytes() {
        return 16L * hashes.length + 96L * repeated.size();
    }

    /** The slot holding {@code id}, or −1. */
    private int find(long hash, String id) {
        int mask = hashes.length - 1;
        for (int slot = (int) hash & mask; hashes[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && id.equals(idAt.apply(locations[slot]))) {
                return slot;
            }
        }
        return -1;
    }

    private void insert(long hash, long location) {
        int mask = hashes.length - 1;
        int slot = (int) hash & mask;
        while (hashes[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        locations[slot] = location;
    }

    /** Linear probing's deletion: later entries of the run move back, so no search stops early at the hole. */
    private void delete(int slot) {
        int mask = hashes.length - 1;
        int hole = slot;
        for (int next = (hole + 1) & mask; hashes[next] != EMPTY; next = (next + 1) & mask) {
            int home = (int) hashes[next] & mask;
            // the entry at next may fill the hole when its home is not within (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                hashes[hole] = hashes[next];
                locations[hole] = locations[next];
                hole = next;
            }
        }
        hashes[hole] = EMPTY;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[] oldLocations = locations;
        hashes = new long[oldHashes.length * 2];
        locations = new long[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                insert(oldHashes[i], oldLocations[i]);
            }
        }
    }

    /** A 64-bit hash of the id's characters (FNV-1a steps, then MurmurHash3's finaliser); never {@link #EMPTY}. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
