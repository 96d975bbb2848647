package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.Sorting;
import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.quality.check.WindowScan;
import dev.recsys.drift.quality.event.EventRejection;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One model's window kept in memory: every stream entry read once (from {@link #coveredFrom} on, up
 * to {@link #lastId}) as rows of per-minute {@link WindowBucket}s. A window {@code [start, end)} is
 * selected from the buckets without reading anything again; its statistics do not depend on how
 * the entries arrived (one ranged read, or many small ones), because rows keep stream order and
 * numeric columns are merged sorted.
 */
public final class LiveWindow {

    final LabelDictionary labels = new LabelDictionary();
    final LabelDictionary versions = new LabelDictionary();
    private final Map<String, Integer> featureIndex = new HashMap<>();
    private final List<String> featureNames = new ArrayList<>();
    private final TreeMap<Long, WindowBucket> buckets = new TreeMap<>();
    private final EventIds eventIds = new EventIds(this::eventIdAt);
    private long coveredFrom;
    private String lastId;
    private long events;

    /** @param coveredFrom XADD time (ms) of the first stream id this window holds */
    public LiveWindow(long coveredFrom) {
        this.coveredFrom = coveredFrom;
    }

    /** Adds one stream entry ({@code entry} null: not readable JSON) read after {@link #lastId()}; answers true (read on). */
    public boolean add(String id, long idTime, StreamEvent entry) {
        long ts = entry != null && entry.eventTime() >= 0 ? entry.eventTime() : idTime;
        WindowBucket bucket = buckets.computeIfAbsent(SketchStore.bucketOf(ts), WindowBucket::new);
        int row = bucket.add(idTime, entry, this);
        if (bucket.quality(row)) {
            eventIds.add(bucket.eventId(row), location(bucket, row));
        }
        lastId = id;
        events++;
        return true;
    }

    int featureIndex(String feature) {
        return featureIndex.computeIfAbsent(feature, f -> {
            featureNames.add(f);
            return featureNames.size() - 1;
        });
    }

    /** The XADD time from which on every entry is held. */
    public long coveredFrom() {
        return coveredFrom;
    }

    /** The id of the last entry read, or {@code null} before the first. */
    public String lastId() {
        return lastId;
    }

    /** Entries held. */
    public long events() {
        return events;
    }

    /**
     * Drops the minutes before {@code before} (rounded down to a minute); entries with XADD times
     * before that minute minus {@code margin} are no longer held.
     */
    public void evictBefore(long before, long margin) {
        long bucket = SketchStore.bucketOf(before);
        var old = buckets.headMap(bucket);
        for (WindowBucket evicted : old.values()) {
            events -= evicted.rows();
            for (int row = 0; row < evicted.rows(); row++) {
                if (evicted.quality(row)) {
                    eventIds.remove(evicted.eventId(row), location(evicted, row));
                }
            }
        }
        old.clear();
        coveredFrom = Math.max(coveredFrom, bucket - margin);
    }

    /** Trims the arrays of the minutes that ended before {@code before} to their rows (WindowBucket#trim). */
    public void trimBefore(long before) {
        buckets.headMap(SketchStore.bucketOf(before)).values().forEach(WindowBucket::trim);
    }

    /** Bytes held (estimated from the arrays), for the memory budget. */
    public long bytes() {
        long bytes = labels.bytes() + versions.bytes() + eventIds.bytes();
        for (WindowBucket bucket : buckets.values()) {
            bytes += bucket.bytes();
        }
        return bytes;
    }

    /** The event id of the row at a {@link #location}. */
    private String eventIdAt(long location) {
        return buckets.get((location >>> 32) * SketchStore.BUCKET_MS).eventId((int) location);
    }

    /** A row's place in window order: its bucket's minute, then its row. */
    private static long location(WindowBucket bucket, int row) {
        return (bucket.start / SketchStore.BUCKET_MS) << 32 | row;
    }

    /**
     * The window {@code [start, end)} as read with stream ids in {@code [idFrom, idTo]} (ms): the
     * events whose {@code ts} is in the window, and for the data-quality checks the unreadable
     * entries whose XADD time is. What the selection computes later (the data-quality scan for a
     * profile) holds {@code lock}, the lock under which entries are added to this window.
     */
    public Selection select(long start, long end, long idFrom, long idTo, int sampleTraces, Object lock) {
        List<WindowBucket> chosen = new ArrayList<>();
        List<boolean[]> members = new ArrayList<>();
        List<Boolean> whole = new ArrayList<>();
        // an event sits in the minute of its ts, an unreadable entry in that of its XADD time: both in [start, end)
        var inWindow = end > start ? buckets.subMap(SketchStore.bucketOf(start), true, SketchStore.bucketOf(end - 1), true)
                : new TreeMap<Long, WindowBucket>();
        for (WindowBucket bucket : inWindow.values()) {
            if (bucket.rows() > 0 && bucket.wholly(start, end, idFrom, idTo)) {
                chosen.add(bucket);
                members.add(null);
                whole.add(true);
                continue;
            }
            boolean[] member = new boolean[bucket.rows()];
            boolean any = false;
            boolean all = true;
            boolean every = true;
            for (int row = 0; row < member.length; row++) {
                member[row] = bucket.member(row, start, end, idFrom, idTo);
                any |= member[row];
                all &= member[row] || !bucket.drift(row);
                every &= member[row];
            }
            if (any) {
                chosen.add(bucket);
                members.add(all ? null : member);
                whole.add(every);
            }
        }
        return new Selection(start, end, chosen, members, whole, sampleTraces, lock);
    }

    /**
     * One window selected from the buckets; {@code members} per bucket: the rows in it, or
     * {@code null} for every drift row; {@code whole} per bucket: every row is in it. Rows added to
     * a bucket after the selection are not part of it.
     */
    public final class Selection {
        private final long start;
        private final long end;
        private final List<WindowBucket> buckets;
        private final List<boolean[]> members;
        private final boolean[] whole;
        private final int[] limits;
        private final int sampleTraces;
        private final TraceSampler<Supplier<TraceRef>> traces;
        private final Object lock;
        private int count;
        private long newestTs = Long.MIN_VALUE;
        private String newestVersion;
        /** Per bucket, the rows that repeat an event id seen earlier in the window (null: none). */
        private final boolean[][] repeats;
        /** The ids of those rows, in window order. */
        private final List<String> repeatedIds = new ArrayList<>();
        private final int[] rejected = new int[EventRejection.values().length];
        private int readable;

        private Selection(long start, long end, List<WindowBucket> buckets, List<boolean[]> members,
                          List<Boolean> whole, int sampleTraces, Object lock) {
            this.start = start;
            this.end = end;
            this.buckets = buckets;
            this.members = members;
            this.whole = new boolean[buckets.size()];
            this.limits = new int[buckets.size()];
            this.repeats = new boolean[buckets.size()][];
            this.sampleTraces = sampleTraces;
            this.traces = new TraceSampler<>(sampleTraces);
            this.lock = lock;
            for (int b = 0; b < buckets.size(); b++) {
                this.whole[b] = whole.get(b);
                limits[b] = buckets.get(b).rows();
            }
            findRepeats();
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                if (this.whole[b]) {
                    summarized(b);
                    continue;
                }
                for (int row = 0; row < limits[b]; row++) {
                    if (inQuality(b, row)) {
                        if (bucket.quality(row)) {
                            readable++;
                        } else {
                            rejected[bucket.rejection(row).ordinal()]++;
                        }
                    }
                    if (bucket.drift(row) && in(b, row)) {
                        count++;
                        long ts = bucket.time(row);
                        if (ts >= newestTs) {
                            newestTs = ts;
                            int version = bucket.version(row);
                            newestVersion = version < 0 ? null : versions.label(version);
                        }
                        if (bucket.traced(row) && traces.wants(ts)) {
                            int r = row;
                            traces.offer(ts, () -> bucket.trace(r));
                        }
                    }
                }
            }
        }

        /** A bucket wholly in the window: counts kept as rows were added; of its traces only its own sample is offered. */
        private void summarized(int b) {
            WindowBucket bucket = buckets.get(b);
            readable += bucket.qualityRows();
            for (int reason = 0; reason < rejected.length; reason++) {
                rejected[reason] += bucket.rejected(reason);
            }
            count += bucket.driftRows();
            int newest = bucket.newestRow();
            if (newest >= 0 && bucket.time(newest) >= newestTs) {
                newestTs = bucket.time(newest);
                int version = bucket.version(newest);
                newestVersion = version < 0 ? null : versions.label(version);
            }
            for (int row : bucket.newestTraced(sampleTraces)) {
                traces.offer(bucket.time(row), () -> bucket.trace(row));
            }
        }

        private boolean in(int b, int row) {
            boolean[] member = members.get(b);
            return member == null ? buckets.get(b).drift(row) || buckets.get(b).member(row, start, end, 0, 0) : member[row];
        }

        /** Whether a row is in the window for the data-quality checks (an unreadable one by its XADD time). */
        private boolean inQuality(int b, int row) {
            boolean[] member = members.get(b);
            return member != null ? member[row] : buckets.get(b).member(row, start, end, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** Marks the rows whose event id an earlier row of the window has (only ids held more than once are looked at). */
        private void findRepeats() {
            Map<Long, Integer> index = new HashMap<>();
            for (int b = 0; b < buckets.size(); b++) {
                index.put(buckets.get(b).start / SketchStore.BUCKET_MS, b);
            }
            List<long[]> repeated = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            eventIds.forEachRepeated((id, locations) -> {
                long[] in = locations.stream().mapToLong(Long::longValue).filter(location -> {
                    Integer b = index.get(location >>> 32);
                    int row = (int) location;
                    return b != null && row < limits[b] && inQuality(b, row);
                }).sorted().toArray();
                // the first in window order is the event, the others its duplicates
                for (int i = 1; i < in.length; i++) {
                    repeated.add(new long[] {in[i], ids.size()});
                }
                ids.add(id);
            });
            repeated.sort((x, y) -> Long.compare(x[0], y[0]));
            for (long[] repeat : repeated) {
                int b = index.get(repeat[0] >>> 32);
                if (repeats[b] == null) {
                    repeats[b] = new boolean[limits[b]];
                }
                repeats[b][(int) repeat[0]] = true;
                repeatedIds.add(ids.get((int) repeat[1]));
            }
        }

        /** Events of the window (entries with an event time in it). */
        public int count() {
            return count;
        }

        public String newestVersion() {
            return newestVersion;
        }

        public List<TraceRef> sampleTraces() {
            return traces.newestFirst().stream().map(Supplier::get).toList();
        }

        /** Per feature the window's column: numbers merged sorted, or labels when any value is one (numbers then as their text). */
        public Map<String, Column> columns() {
            Map<String, Column> columns = new LinkedHashMap<>();
            for (int f = 0; f < featureNames.size(); f++) {
                Column column = column(f);
                if (column != null) {
                    columns.put(featureNames.get(f), column);
                }
            }
            return columns;
        }

        private Column column(int f) {
            boolean present = false;
            boolean labelled = false;
            for (int b = 0; b < buckets.size() && !labelled; b++) {
                FeatureCells cells = buckets.get(b).cellsOf(f);
                if (cells == null) {
                    continue;
                }
                if (members.get(b) == null && buckets.get(b).rows() == limits[b]) {
                    byte kind = buckets.get(b).kind(f);
                    present |= (kind & WindowBucket.PRESENT) != 0;
                    labelled |= (kind & WindowBucket.LABELLED) != 0;
                    continue;
                }
                for (int row = 0; row < limits[b]; row++) {
                    byte tag = cells.tag(row);
                    if (tag != FeatureCells.ABSENT && buckets.get(b).drift(row) && in(b, row)) {
                        present = true;
                        if (tag == FeatureCells.LABEL || tag == FeatureCells.TRUE || tag == FeatureCells.FALSE) {
                            labelled = true;
                            break;
                        }
                    }
                }
            }
            if (!present) {
                return null;
            }
            return labelled ? labels(f) : numbers(f);
        }

        private Column.Numbers numbers(int f) {
            List<double[]> runs = new ArrayList<>(buckets.size());
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                if (members.get(b) == null) {
                    runs.add(bucket.sortedNumbers(f));
                    continue;
                }
                FeatureCells cells = bucket.cellsOf(f);
                if (cells == null) {
                    continue;
                }
                double[] values = new double[limits[b]];
                int n = 0;
                for (int row = 0; row < limits[b]; row++) {
                    if (cells.tag(row) == FeatureCells.NUMBER && bucket.drift(row) && in(b, row)
                            && Double.isFinite(cells.number(row))) {
                        values[n++] = cells.number(row);
                    }
                }
                runs.add(Sorting.sortedCopy(Arrays.copyOf(values, n)));
            }
            return Column.Numbers.ofSortedRuns(runs);
        }

        /** Counted per bucket (a bucket that is whole and got no row since is counted once and kept); the values made only when asked. */
        private Column.Labels labels(int f) {
            Map<String, long[]> counts = new HashMap<>();
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                FeatureCells cells = bucket.cellsOf(f);
                if (cells == null) {
                    continue;
                }
                if (members.get(b) == null && bucket.rows() == limits[b]) {
                    bucket.labelCounts(f, labels).forEach((label, count) ->
                            counts.computeIfAbsent(label, l -> new long[1])[0] += count[0]);
                    continue;
                }
                for (int row = 0; row < limits[b]; row++) {
                    String label = bucket.drift(row) && in(b, row) ? cells.label(row, labels) : null;
                    if (label != null) {
                        counts.computeIfAbsent(label, l -> new long[1])[0]++;
                    }
                }
            }
            Map<String, Long> totals = new HashMap<>();
            counts.forEach((label, count) -> totals.put(label, count[0]));
            return Column.Labels.counted(totals, () -> {
                synchronized (lock) {
                    return labelValues(f);
                }
            });
        }

        private String[] labelValues(int f) {
            List<String> numbers = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                FeatureCells cells = bucket.cellsOf(f);
                if (cells == null) {
                    continue;
                }
                for (int row = 0; row < limits[b]; row++) {
                    byte tag = cells.tag(row);
                    if (tag == FeatureCells.ABSENT || !bucket.drift(row) || !in(b, row)) {
                        continue;
                    }
                    switch (tag) {
                        case FeatureCells.NUMBER -> numbers.add(DriftEngine.numberLabel(cells.number(row)));
                        case FeatureCells.LABEL -> texts.add(labels.label(cells.code(row)));
                        case FeatureCells.TRUE -> texts.add("true");
                        case FeatureCells.FALSE -> texts.add("false");
                        default -> { }
                    }
                }
            }
            numbers.addAll(texts);
            return numbers.toArray(String[]::new);
        }

        /**
         * The window for the data-quality checks, counted from the same cells: a bucket wholly in the
         * window with no repeated event id is counted once per profile and kept; other buckets row by row.
         */
        public QualityWindow quality() {
            Map<EventRejection, Integer> reasons = new EnumMap<>(EventRejection.class);
            for (EventRejection reason : EventRejection.values()) {
                if (rejected[reason.ordinal()] > 0) {
                    reasons.put(reason, rejected[reason.ordinal()]);
                }
            }
            return QualityWindow.scanned(start, end, readable, reasons, this::scan);
        }

        private WindowScan scan(QualityProfile profile) {
            synchronized (lock) {
                QualityCounts.Features features = new QualityCounts.Features(profile, featureNames, labels);
                WindowScan scan = new WindowScan(profile);
                for (int b = 0; b < buckets.size(); b++) {
                    WindowBucket bucket = buckets.get(b);
                    int limit = limits[b];
                    boolean[] repeat = repeats[b];
                    int bucketIndex = b;
                    QualityCounts counts = whole[b] && repeat == null && bucket.rows() == limit
                            ? bucket.qualityCounts(profile, () -> QualityCounts.of(features, bucket, limit, row -> true))
                            : QualityCounts.of(features, bucket, limit,
                                    row -> inQuality(bucketIndex, row) && (repeat == null || !repeat[row]));
                    counts.addTo(scan);
                }
                repeatedIds.forEach(scan::duplicate);
                return scan;
            }
        }
    }
}
