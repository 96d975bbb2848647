package dev.recsys.drift.monitor.sketch;

import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

import java.util.HashMap;
import java.util.Map;

/**
 * Mergeable summary of many events: per feature a KLL quantile sketch of its numbers and a
 * frequent-items sketch of its labels, plus the event count. One instance per minute bucket and
 * consumer; a window merges the buckets it covers.
 */
public final class FeatureSketches {

    private static final ArrayOfStringsSerDe LABELS = new ArrayOfStringsSerDe();

    private final int kllK;
    private final int itemsMapSize;
    private final Map<String, KllDoublesSketch> numbers = new HashMap<>();
    private final Map<String, ItemsSketch<String>> labels = new HashMap<>();
    private long events;

    public FeatureSketches(int kllK, int itemsMapSize) {
        this.kllK = kllK;
        this.itemsMapSize = itemsMapSize;
    }

    /** Adds one event's features ({@link Double}, {@link String} or {@link Boolean} values; others are ignored). */
    public void add(Map<String, Object> features) {
        events++;
        features.forEach((feature, value) -> {
            if (value instanceof Double number) {
                if (Double.isFinite(number)) {
                    numbers.computeIfAbsent(feature, f -> KllDoublesSketch.newHeapInstance(kllK)).update(number);
                }
            } else if (value instanceof String || value instanceof Boolean) {
                labels.computeIfAbsent(feature, f -> new ItemsSketch<>(itemsMapSize)).update(value.toString());
            }
        });
    }

    public void merge(FeatureSketches other) {
        events += other.events;
        other.numbers.forEach((feature, sketch) ->
                numbers.computeIfAbsent(feature, f -> KllDoublesSketch.newHeapInstance(kllK)).merge(sketch));
        other.labels.forEach((feature, sketch) ->
                labels.computeIfAbsent(feature, f -> new ItemsSketch<>(itemsMapSize)).merge(sketch));
    }

    public long events() {
        return events;
    }

    public Map<String, KllDoublesSketch> numbers() {
        return numbers;
    }

    public Map<String, ItemsSketch<String>> labels() {
        return labels;
    }

    /** Serialized form: {@code n} → count, {@code k|feature} → KLL bytes, {@code f|feature} → items bytes. */
    public Map<String, byte[]> toFields() {
        Map<String, byte[]> fields = new HashMap<>();
        fields.put("n", Long.toString(events).getBytes());
        numbers.forEach((feature, sketch) -> fields.put("k|" + feature, sketch.toByteArray()));
        labels.forEach((feature, sketch) -> fields.put("f|" + feature, sketch.toByteArray(LABELS)));
        return fields;
    }

    /** Adds what {@link #toFields()} wrote. */
    public void mergeFields(Map<String, byte[]> fields) {
        fields.forEach((field, bytes) -> {
            if (field.equals("n")) {
                events += Long.parseLong(new String(bytes));
            } else if (field.startsWith("k|")) {
                numbers.computeIfAbsent(field.substring(2), f -> KllDoublesSketch.newHeapInstance(kllK))
                        .merge(KllDoublesSketch.heapify(Memory.wrap(bytes)));
            } else if (field.startsWith("f|")) {
                labels.computeIfAbsent(field.substring(2), f -> new ItemsSketch<>(itemsMapSize))
                        .merge(ItemsSketch.getInstance(Memory.wrap(bytes), LABELS));
            }
        });
    }
}
