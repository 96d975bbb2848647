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
    /** Per slot its hash then its location, side by side (one cache line for both). */
    private long[] table = new long[2 * INITIAL_SLOTS];
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
            long earlier = table[2 * slot + 1];
            repeated.computeIfAbsent(id, k -> new ArrayList<>(List.of(earlier))).add(location);
            return;
        }
        if (2 * (held + 1) > slots()) {
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
            if (table[2 * slot + 1] == location) {
                delete(slot);
                held--;
            }
            return;
        }
        all.remove(Long.valueOf(location));
        table[2 * slot + 1] = all.get(0);
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
        return 8L * table.length + 96L * repeated.size();
    }

    private int slots() {
        return table.length / 2;
    }

    /** The slot holding {@code id}, or −1. */
    private int find(long hash, String id) {
        int mask = slots() - 1;
        for (int slot = (int) hash & mask; table[2 * slot] != EMPTY; slot = (slot + 1) & mask) {
            if (table[2 * slot] == hash && id.equals(idAt.apply(table[2 * slot + 1]))) {
                return slot;
            }
        }
        return -1;
    }

    private void insert(long hash, long location) {
        int mask = slots() - 1;
        int slot = (int) hash & mask;
        while (table[2 * slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        table[2 * slot] = hash;
        table[2 * slot + 1] = location;
    }

    /** Linear probing's deletion: later entries of the run move back, so no search stops early at the hole. */
    private void delete(int slot) {
        int mask = slots() - 1;
        int hole = slot;
        for (int next = (hole + 1) & mask; table[2 * next] != EMPTY; next = (next + 1) & mask) {
            int home = (int) table[2 * next] & mask;
            // the entry at next may fill the hole when its home is not within (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[2 * hole] = table[2 * next];
                table[2 * hole + 1] = table[2 * next + 1];
                hole = next;
            }
        }
        table[2 * hole] = EMPTY;
    }

    private void grow() {
        long[] old = table;
        table = new long[2 * old.length];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                insert(old[i], old[i + 1]);
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
