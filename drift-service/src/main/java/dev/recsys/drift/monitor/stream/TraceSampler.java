package dev.recsys.drift.monitor.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the newest traced events offered (a window's latest requests are the ones an SRE looks
 * at first); bounded, so a million-event window costs nothing extra. Of events with equal times
 * the first offered is kept. A trace offered as a supplier is made only for the sample, not for
 * every event that is kept for a while.
 */
final class TraceSampler {

    private final int limit;
    private final List<Kept> kept = new ArrayList<>();
    private int oldest = -1;

    private record Kept(long ts, Supplier<TraceRef> trace) {
    }

    TraceSampler(int limit) {
        this.limit = limit;
    }

    /** Trace ids are checked only for an event newer than one kept: most of a window's events are not. */
    void offer(PredictionEvent event) {
        if (wants(event.ts()) && TraceRef.valid(event.traceId(), event.spanId())) {
            TraceRef trace = new TraceRef(event.traceId(), event.spanId(), event.ts());
            keep(new Kept(event.ts(), () -> trace));
        }
    }

    /** Offers a valid trace of time {@code ts}, made only when it is in the sample. */
    void offer(long ts, Supplier<TraceRef> trace) {
        if (wants(ts)) {
            keep(new Kept(ts, trace));
        }
    }

    private boolean wants(long ts) {
        return limit > 0 && (kept.size() < limit || ts > kept.get(oldest).ts());
    }

    private void keep(Kept trace) {
        if (kept.size() < limit) {
            kept.add(trace);
        } else {
            kept.set(oldest, trace);
        }
        oldest = 0;
        for (int i = 1; i < kept.size(); i++) {
            if (kept.get(i).ts() < kept.get(oldest).ts()) {
                oldest = i;
            }
        }
    }

    List<TraceRef> sample() {
        List<Kept> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(Kept::ts).reversed());
        return sorted.stream().map(k -> k.trace().get()).toList();
    }
}
