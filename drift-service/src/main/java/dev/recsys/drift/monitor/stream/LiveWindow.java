package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.Sorting;
import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.quality.event.QualityEvent;
import dev.recsys.drift.quality.event.QualityWindow;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
        buckets.computeIfAbsent(SketchStore.bucketOf(ts), WindowBucket::new).add(idTime, entry, this);
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
        old.values().forEach(b -> events -= b.rows());
        old.clear();
        coveredFrom = Math.max(coveredFrom, bucket - margin);
    }

    /** Bytes held (estimated from the arrays), for the memory budget. */
    public long bytes() {
        long bytes = labels.bytes() + versions.bytes();
        for (WindowBucket bucket : buckets.values()) {
            bytes += bucket.bytes();
        }
        return bytes;
    }

    /**
     * The window {@code [start, end)} as read with stream ids in {@code [idFrom, idTo]} (ms): the
     * events whose {@code ts} is in the window, and for the data-quality checks the unreadable
     * entries whose XADD time is.
     */
    public Selection select(long start, long end, long idFrom, long idTo, int sampleTraces) {
        List<WindowBucket> chosen = new ArrayList<>();
        List<boolean[]> members = new ArrayList<>();
        // an event sits in the minute of its ts, an unreadable entry in that of its XADD time: both in [start, end)
        var inWindow = end > start ? buckets.subMap(SketchStore.bucketOf(start), true, SketchStore.bucketOf(end - 1), true)
                : new TreeMap<Long, WindowBucket>();
        for (WindowBucket bucket : inWindow.values()) {
            boolean[] member = new boolean[bucket.rows()];
            boolean any = false;
            boolean all = true;
            for (int row = 0; row < member.length; row++) {
                member[row] = bucket.member(row, start, end, idFrom, idTo);
                any |= member[row];
                all &= member[row] || !bucket.drift(row);
            }
            if (any) {
                chosen.add(bucket);
                members.add(all ? null : member);
            }
        }
        return new Selection(start, end, chosen, members, sampleTraces);
    }

    /** One window selected from the buckets; {@code members} per bucket: the rows in it, or {@code null} for every drift row. */
    public final class Selection {
        private final long start;
        private final long end;
        private final List<WindowBucket> buckets;
        private final List<boolean[]> members;
        private final TraceSampler traces;
        private int count;
        private long newestTs = Long.MIN_VALUE;
        private String newestVersion;

        private Selection(long start, long end, List<WindowBucket> buckets, List<boolean[]> members, int sampleTraces) {
            this.start = start;
            this.end = end;
            this.buckets = buckets;
            this.members = members;
            this.traces = new TraceSampler(sampleTraces);
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                for (int row = 0; row < bucket.rows(); row++) {
                    if (bucket.drift(row) && in(b, row)) {
                        count++;
                        long ts = bucket.time(row);
                        if (ts >= newestTs) {
                            newestTs = ts;
                            int version = bucket.version(row);
                            newestVersion = version < 0 ? null : versions.label(version);
                        }
                        if (bucket.traced(row)) {
                            int r = row;
                            traces.offer(ts, () -> bucket.trace(r));
                        }
                    }
                }
            }
        }

        private boolean in(int b, int row) {
            boolean[] member = members.get(b);
            return member == null ? buckets.get(b).drift(row) || buckets.get(b).member(row, start, end, 0, 0) : member[row];
        }

        /** Events of the window (entries with an event time in it). */
        public int count() {
            return count;
        }

        public String newestVersion() {
            return newestVersion;
        }

        public List<TraceRef> sampleTraces() {
            return traces.sample();
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
                for (int row = 0; row < buckets.get(b).rows(); row++) {
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
                double[] values = new double[bucket.rows()];
                int n = 0;
                for (int row = 0; row < bucket.rows(); row++) {
                    if (cells.tag(row) == FeatureCells.NUMBER && bucket.drift(row) && in(b, row)
                            && Double.isFinite(cells.number(row))) {
                        values[n++] = cells.number(row);
                    }
                }
                runs.add(Sorting.sortedCopy(Arrays.copyOf(values, n)));
            }
            return new Column.Numbers(Sorting.mergeSorted(runs));
        }

        private Column.Labels labels(int f) {
            List<String> numbers = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                FeatureCells cells = bucket.cellsOf(f);
                if (cells == null) {
                    continue;
                }
                for (int row = 0; row < bucket.rows(); row++) {
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
            return new Column.Labels(numbers.toArray(String[]::new));
        }

        /** The window's entries for the data-quality checks, read from the same rows. */
        public QualityWindow quality() {
            QualityWindow.Builder quality = QualityWindow.builder();
            for (int b = 0; b < buckets.size(); b++) {
                WindowBucket bucket = buckets.get(b);
                boolean[] member = members.get(b);
                for (int row = 0; row < bucket.rows(); row++) {
                    if (member != null ? !member[row] : !bucket.member(row, start, end, Long.MIN_VALUE, Long.MAX_VALUE)) {
                        continue;
                    }
                    if (bucket.quality(row)) {
                        quality.add(new QualityEvent(bucket.eventId(row), bucket.time(row), new RowFeatures(bucket, row)));
                    } else {
                        quality.reject(bucket.rejection(row));
                    }
                }
            }
            return quality.build(start, end);
        }
    }

    /** A row's feature values as a map, the way {@link StreamEvent#features()} held them (read-only view). */
    private final class RowFeatures extends AbstractMap<String, Object> {
        private final WindowBucket bucket;
        private final int row;

        RowFeatures(WindowBucket bucket, int row) {
            this.bucket = bucket;
            this.row = row;
        }

        private FeatureCells cells(Object feature) {
            Integer f = featureIndex.get(feature);
            return f == null ? null : bucket.cellsOf(f);
        }

        @Override
        public Object get(Object feature) {
            FeatureCells cells = cells(feature);
            return cells == null ? null : cells.value(row, labels);
        }

        @Override
        public boolean containsKey(Object feature) {
            FeatureCells cells = cells(feature);
            return cells != null && cells.tag(row) != FeatureCells.ABSENT;
        }

        @Override
        public int size() {
            int size = 0;
            for (int f = 0; f < bucket.features(); f++) {
                FeatureCells cells = bucket.cellsOf(f);
                if (cells != null && cells.tag(row) != FeatureCells.ABSENT) {
                    size++;
                }
            }
            return size;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new LinkedHashSet<>();
            for (int f = 0; f < bucket.features(); f++) {
                FeatureCells cells = bucket.cellsOf(f);
                if (cells != null && cells.tag(row) != FeatureCells.ABSENT) {
                    entries.add(new SimpleImmutableEntry<>(featureNames.get(f), cells.value(row, labels)));
                }
            }
            return entries;
        }
    }
}
