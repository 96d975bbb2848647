package dev.recsys.gateway.quality.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bucket widths of the exposure rollup and how a window is cut into whole buckets and the rest.
 * Widths divide each other and buckets start at multiples of their width since the epoch (UTC), so
 * that a window's whole hours, then whole 5-minute and 1-minute buckets at its edges, leave less than
 * a minute at each edge to be read from the served lists.
 */
final class ExposureBuckets {

    /** Widest first; each divides the one before. */
    static final Integer[] SECONDS = { 3600, 300, 60 };

    static final int WIDEST = SECONDS[0];

    /** Whole buckets of one width: those starting in [from, to). */
    record Span(int seconds, Instant from, Instant to) {
    }

    /**
     * A window [from, to) as whole buckets (spans) inside [bucketedFrom, bucketedTo) and the raw edges
     * [from, bucketedFrom) and [bucketedTo, to); without a whole bucket, bucketedFrom = bucketedTo = from.
     */
    record Cut(List<Span> spans, Instant bucketedFrom, Instant bucketedTo) {
    }

    static Cut cut(Instant from, Instant to) {
        List<Span> spans = new ArrayList<>();
        cut(from, to, 0, spans);
        if (spans.isEmpty()) {
            return new Cut(spans, from, from);
        }
        Instant bucketedFrom = spans.stream().map(Span::from).min(Instant::compareTo).orElseThrow();
        Instant bucketedTo = spans.stream().map(Span::to).max(Instant::compareTo).orElseThrow();
        return new Cut(spans, bucketedFrom, bucketedTo);
    }

    // the whole buckets of this width, then the edges left on either side with the next width
    private static void cut(Instant from, Instant to, int width, List<Span> spans) {
        if (width == SECONDS.length) {
            return;
        }
        long seconds = SECONDS[width];
        Instant first = ceil(from, seconds);
        Instant end = floor(to, seconds);
        if (!first.isBefore(end)) {
            cut(from, to, width + 1, spans);
            return;
        }
        spans.add(new Span((int) seconds, first, end));
        cut(from, first, width + 1, spans);
        cut(end, to, width + 1, spans);
    }

    private static Instant floor(Instant t, long seconds) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }

    private static Instant ceil(Instant t, long seconds) {
        Instant floor = floor(t, seconds);
        return floor.equals(t) ? floor : floor.plusSeconds(seconds);
    }

    private ExposureBuckets() {
    }
}
