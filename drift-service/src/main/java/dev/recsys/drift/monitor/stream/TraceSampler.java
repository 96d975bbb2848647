package dev.recsys.drift.monitor.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the newest traced events offered (a window's latest requests are the ones an SRE looks
 * at first); bounded, so a million-event window costs nothing extra.
 */
final class TraceSampler {

    private final int limit;
    private final List<TraceRef> kept = new ArrayList<>();

    TraceSampler(int limit) {
        this.limit = limit;
    }

    /** Trace ids are checked only for an event newer than one kept: most of a window's events are not. */
    void offer(PredictionEvent event) {
        if (limit <= 0) {
            return;
        }
        if (kept.size() < limit) {
            if (valid(event)) {
                kept.add(new TraceRef(event.traceId(), event.spanId(), event.ts()));
            }
            return;
        }
        int oldest = 0;
        for (int i = 1; i < kept.size(); i++) {
            if (kept.get(i).ts() < kept.get(oldest).ts()) {
                oldest = i;
            }
        }
        if (event.ts() > kept.get(oldest).ts() && valid(event)) {
            kept.set(oldest, new TraceRef(event.traceId(), event.spanId(), event.ts()));
        }
    }

    private static boolean valid(PredictionEvent event) {
        return TraceRef.valid(event.traceId(), event.spanId());
    }

    List<TraceRef> sample() {
        List<TraceRef> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(TraceRef::ts).reversed());
        return sorted;
    }
}
