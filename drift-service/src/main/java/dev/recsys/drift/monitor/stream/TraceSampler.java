package dev.recsys.drift.monitor.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the newest of the traced events offered (a window's latest requests are the ones an SRE
 * looks at first): the {@code limit} with the largest times, of equal times the first offered.
 * Bounded (a heap whose head is the one to give up next), so a million-event window costs nothing
 * extra; {@code T} is what stands for an event (a trace, or a way to make it only if it is kept).
 * The sample depends only on what was offered and in which order, so a caller may offer, of a part
 * of its events, only that part's own sample (in offer order): nothing else of the part could be
 * in the whole sample.
 */
final class TraceSampler<T> {

    /** The one to give up first: the oldest, of equal times the last offered. */
    private static final Comparator<Kept<?>> GIVEN_UP_FIRST = Comparator.<Kept<?>>comparingLong(Kept::ts)
            .thenComparing(Comparator.<Kept<?>>comparingLong(Kept::order).reversed());

    private final int limit;
    private final PriorityQueue<Kept<T>> kept;
    private long offered;

    private record Kept<T>(long ts, long order, T event) {
    }

    TraceSampler(int limit) {
        this.limit = limit;
        this.kept = new PriorityQueue<>(Math.max(1, limit), GIVEN_UP_FIRST);
    }

    /** Whether an event of time {@code ts}, offered after every one so far, would be kept (check this before making it). */
    boolean wants(long ts) {
        return limit > 0 && (kept.size() < limit || ts > kept.peek().ts());
    }

    /** Offers an event of time {@code ts}, after every one offered so far. */
    void offer(long ts, T event) {
        long order = offered++;
        if (wants(ts)) {
            if (kept.size() == limit) {
                kept.poll();
            }
            kept.add(new Kept<>(ts, order, event));
        }
    }

    /** The sample, newest first. */
    List<T> newestFirst() {
        List<Kept<T>> sorted = new ArrayList<>(kept);
        sorted.sort(GIVEN_UP_FIRST.reversed());
        return sorted.stream().map(Kept::event).toList();
    }

    /** The sample in the order it was offered. */
    List<T> inOfferOrder() {
        List<Kept<T>> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(Kept::order));
        return sorted.stream().map(Kept::event).toList();
    }
}
