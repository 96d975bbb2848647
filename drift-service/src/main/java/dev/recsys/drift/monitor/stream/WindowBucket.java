package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.engine.Sorting;
import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.monitor.sketch.SketchStore;
import dev.recsys.drift.quality.event.EventRejection;
import dev.recsys.drift.quality.event.QualityEventParser;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stream entries of one minute of a live window, as row-aligned columns: per row the XADD
 * time, the event time, the data-quality reading (event id, or why the entry is unreadable),
 * version code and trace ids; per feature a {@link FeatureCells}. An entry with an event time
 * belongs to the minute of its {@code ts}, any other to the minute of its XADD time. Rows keep
 * stream order.
 */
final class WindowBucket {

    static final byte DRIFT = 1;
    static final byte QUALITY = 2;
    static final byte TRACED = 4;
    /** {@link #kinds} bits: some drift row has the feature; some drift row has a label for it. */
    static final byte PRESENT = 1;
    static final byte LABELLED = 2;
    private static final int INITIAL = 256;
    private static final EventRejection[] REJECTIONS = EventRejection.values();

    final long start;
    private int rows;
    private long[] idTimes = new long[INITIAL];
    /** Event time of a drift row; the integer {@code ts} of any other row the data-quality checks read. */
    private long[] times = new long[INITIAL];
    private byte[] flags = new byte[INITIAL];
    /** Data-quality rejection ordinal + 1 of an unreadable entry, else 0. */
    private byte[] rejections = new byte[INITIAL];
    private String[] eventIds = new String[INITIAL];
    private int[] versions = new int[INITIAL];
    private long[] traces = new long[3 * INITIAL];
    private FeatureCells[] cells = new FeatureCells[8];
    /** Per feature, the sorted finite numbers of all rows, while no row was added since. */
    private double[][] sorted = new double[8][];
    /** Per feature, {@link #PRESENT} and {@link #LABELLED} over the drift rows. */
    private byte[] kinds = new byte[8];
    private int driftRows;
    private long newestTs = Long.MIN_VALUE;
    private int newestRow = -1;
    /** Smallest and largest XADD time of drift rows, of other rows. */
    private final long[] driftIds = {Long.MAX_VALUE, Long.MIN_VALUE};
    private final long[] otherIds = {Long.MAX_VALUE, Long.MIN_VALUE};
    private int qualityRows;
    private final int[] rejected = new int[REJECTIONS.length];
    /** Per feature, the drift label counts of all rows, while no row was added since. */
    private Map<String, long[]>[] labelCounts = newCounts(8);
    /** The rows of {@link #newestTraced} for {@link #tracedLimit}, while no row was added since. */
    private int[] newestTraced;
    private int tracedLimit;
    /** The data-quality counts of all rows for the profile they were counted for, while no row was added since. */
    private QualityCounts counted;

    WindowBucket(long start) {
        this.start = start;
    }

    int rows() {
        return rows;
    }

    /** Adds one entry ({@code entry} null: not readable JSON); answers its row. */
    int add(long idTime, StreamEvent entry, LiveWindow window) {
        ensure(rows + 1);
        int row = rows++;
        idTimes[row] = idTime;
        PredictionEvent event = PredictionEvent.of(entry);
        byte flag = 0;
        if (event != null) {
            flag |= DRIFT;
            times[row] = event.ts();
            versions[row] = event.version() == null ? -1 : window.versions.code(event.version());
            if (TraceRef.read(event.traceId(), event.spanId(), traces, 3 * row)) {
                flag |= TRACED;
            }
        }
        QualityEventParser.Outcome outcome = QualityEventParser.outcome(entry);
        if (outcome instanceof QualityEventParser.Parsed parsed) {
            flag |= QUALITY;
            eventIds[row] = parsed.event().eventId();
            if (event == null) {
                times[row] = parsed.event().ts();
            }
        } else {
            rejections[row] = (byte) (((QualityEventParser.Rejected) outcome).reason().ordinal() + 1);
        }
        flags[row] = flag;
        summarize(row);
        if (entry != null && entry.features() != null) {
            boolean drift = (flag & DRIFT) != 0;
            entry.features().forEach((feature, value) -> {
                int f = window.featureIndex(feature);
                FeatureCells column = cells(f);
                column.set(row, value, window.labels);
                if (drift) {
                    byte tag = column.tag(row);
                    kinds[f] |= tag == FeatureCells.LABEL || tag == FeatureCells.TRUE || tag == FeatureCells.FALSE
                            ? PRESENT | LABELLED : PRESENT;
                }
            });
        }
        Arrays.fill(sorted, null);
        Arrays.fill(labelCounts, null);
        counted = null;
        newestTraced = null;
        return row;
    }

    /** Keeps what a selection of the whole bucket needs without looking at every row. */
    private void summarize(int row) {
        if (drift(row)) {
            driftRows++;
            if (times[row] >= newestTs) {
                newestTs = times[row];
                newestRow = row;
            }
            driftIds[0] = Math.min(driftIds[0], idTimes[row]);
            driftIds[1] = Math.max(driftIds[1], idTimes[row]);
        } else {
            otherIds[0] = Math.min(otherIds[0], idTimes[row]);
            otherIds[1] = Math.max(otherIds[1], idTimes[row]);
        }
        if (quality(row)) {
            qualityRows++;
        } else {
            rejected[rejections[row] - 1]++;
        }
    }

    /**
     * Whether every row is in the window {@code [start, end)} read with stream ids in {@code [idFrom, idTo]}
     * ({@link #member}) without looking at the rows: the minute is inside the window and the XADD
     * times of drift rows within the id range, those of other rows inside the window.
     */
    boolean wholly(long start, long end, long idFrom, long idTo) {
        return this.start >= start && this.start + SketchStore.BUCKET_MS <= end
                && driftIds[0] >= idFrom && driftIds[1] <= idTo && otherIds[0] >= start && otherIds[1] < end;
    }

    /** {@link #PRESENT} and {@link #LABELLED} of a feature over all drift rows. */
    byte kind(int feature) {
        return feature < kinds.length ? kinds[feature] : 0;
    }

    int driftRows() {
        return driftRows;
    }

    /** The last row with the newest event time among drift rows, or −1. */
    int newestRow() {
        return newestRow;
    }

    int qualityRows() {
        return qualityRows;
    }

    /** Unreadable rows by {@link EventRejection} ordinal. */
    int rejected(int reason) {
        return rejected[reason];
    }

    private FeatureCells cells(int feature) {
        if (feature >= cells.length) {
            cells = Arrays.copyOf(cells, Math.max(feature + 1, cells.length * 2));
            sorted = Arrays.copyOf(sorted, cells.length);
            labelCounts = Arrays.copyOf(labelCounts, cells.length);
            kinds = Arrays.copyOf(kinds, cells.length);
        }
        if (cells[feature] == null) {
            cells[feature] = new FeatureCells(idTimes.length);
        }
        return cells[feature];
    }

    /**
     * Gives back the room the arrays hold beyond the rows (they grow by doubling, up to half of
     * them unused): for a minute that is over, which gets no row or a late few (then they regrow).
     */
    void trim() {
        if (idTimes.length == rows) {
            return;
        }
        resize(rows);
        for (FeatureCells column : cells) {
            if (column != null) {
                column.trim(rows);
            }
        }
    }

    private void ensure(int size) {
        if (size > idTimes.length) {
            resize(idTimes.length * 2);
        }
    }

    /** The row arrays with room for {@code capacity} rows (at least {@link #rows}). */
    private void resize(int capacity) {
        idTimes = Arrays.copyOf(idTimes, capacity);
        times = Arrays.copyOf(times, capacity);
        flags = Arrays.copyOf(flags, capacity);
        rejections = Arrays.copyOf(rejections, capacity);
        eventIds = Arrays.copyOf(eventIds, capacity);
        versions = Arrays.copyOf(versions, capacity);
        traces = Arrays.copyOf(traces, 3 * capacity);
    }

    /** Whether row {@code row} is in the window {@code [start, end)} read with stream ids in {@code [idFrom, idTo]}. */
    boolean member(int row, long start, long end, long idFrom, long idTo) {
        if ((flags[row] & DRIFT) != 0) {
            long ts = times[row];
            return ts >= start && ts < end && idTimes[row] >= idFrom && idTimes[row] <= idTo;
        }
        return idTimes[row] >= start && idTimes[row] < end;
    }

    boolean drift(int row) {
        return (flags[row] & DRIFT) != 0;
    }

    boolean quality(int row) {
        return (flags[row] & QUALITY) != 0;
    }

    boolean traced(int row) {
        return (flags[row] & TRACED) != 0;
    }

    long time(int row) {
        return times[row];
    }

    String eventId(int row) {
        return eventIds[row];
    }

    int version(int row) {
        return versions[row];
    }

    /** The reason an unreadable row was rejected by the data-quality reading. */
    EventRejection rejection(int row) {
        return REJECTIONS[rejections[row] - 1];
    }

    TraceRef trace(int row) {
        return new TraceRef(hex(traces[3 * row]) + hex(traces[3 * row + 1]), hex(traces[3 * row + 2]), times[row]);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /**
     * The traced rows a {@link TraceSampler} of {@code limit} keeps from all rows offered in row
     * order, in row order (cached until a row is added): a window that holds the whole bucket offers
     * only these.
     */
    int[] newestTraced(int limit) {
        if (newestTraced == null || tracedLimit != limit) {
            TraceSampler<Integer> sample = new TraceSampler<>(limit);
            for (int row = 0; row < rows; row++) {
                if (traced(row)) {
                    sample.offer(times[row], row);
                }
            }
            newestTraced = sample.inOfferOrder().stream().mapToInt(Integer::intValue).toArray();
            tracedLimit = limit;
        }
        return newestTraced;
    }

    /** The cells of a feature, or {@code null} when no row of this bucket has it. */
    FeatureCells cellsOf(int feature) {
        return feature < cells.length ? cells[feature] : null;
    }

    int features() {
        return cells.length;
    }

    /** The sorted finite numbers of a feature over all drift rows (cached until a row is added). */
    double[] sortedNumbers(int feature) {
        FeatureCells column = cellsOf(feature);
        if (column == null) {
            return new double[0];
        }
        if (sorted[feature] == null) {
            double[] values = new double[rows];
            int n = 0;
            for (int row = 0; row < rows; row++) {
                if (drift(row) && column.tag(row) == FeatureCells.NUMBER && Double.isFinite(column.number(row))) {
                    values[n++] = column.number(row);
                }
            }
            sorted[feature] = Sorting.sortedCopy(Arrays.copyOf(values, n));
        }
        return sorted[feature];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, long[]>[] newCounts(int features) {
        return new Map[features];
    }

    /** How often each drift label of a feature occurs over all drift rows (cached until a row is added). */
    Map<String, long[]> labelCounts(int feature, LabelDictionary labels) {
        if (labelCounts[feature] == null) {
            Map<String, long[]> counts = new HashMap<>();
            FeatureCells column = cells[feature];
            for (int row = 0; row < rows; row++) {
                String label = drift(row) ? column.label(row, labels) : null;
                if (label != null) {
                    counts.computeIfAbsent(label, l -> new long[1])[0]++;
                }
            }
            labelCounts[feature] = counts;
        }
        return labelCounts[feature];
    }

    /** The data-quality counts of every row for {@code profile} (kept until a row is added or another profile asks). */
    QualityCounts qualityCounts(QualityProfile profile, Supplier<QualityCounts> count) {
        if (counted == null || counted.profile() != profile) {
            counted = count.get();
        }
        return counted;
    }

    /** Bytes held, kept data-quality counts included, for the memory budget. */
    long bytes() {
        long bytes = 64L + idTimes.length * (8L + 8 + 1 + 1 + 4 + 4 + 24) + 56L * rows
                + (counted == null ? 0 : counted.bytes());
        for (FeatureCells column : cells) {
            if (column != null) {
                bytes += column.bytes();
            }
        }
        return bytes;
    }
}
