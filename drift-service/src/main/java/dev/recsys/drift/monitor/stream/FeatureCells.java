package dev.recsys.drift.monitor.stream;

import dev.recsys.drift.engine.DriftEngine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One feature's values in the rows of one window bucket, row-aligned: a type tag per row, the
 * number of a numeric row, the dictionary code of a label row. The value a row held is given back
 * as {@link dev.recsys.drift.event.StreamEvent#features()} had it, so drift columns and
 * data-quality checks read the same cells.
 */
final class FeatureCells {

    static final byte ABSENT = 0;
    static final byte NULL = 1;
    static final byte NUMBER = 2;
    static final byte LABEL = 3;
    static final byte TRUE = 4;
    static final byte FALSE = 5;
    static final byte LIST = 6;
    static final byte OBJECT = 7;

    private byte[] tags;
    private double[] numbers;
    private int[] codes;

    FeatureCells(int capacity) {
        tags = new byte[capacity];
    }

    /** Sets row {@code row}'s value (rows are set in order; capacity grows with the bucket). */
    void set(int row, Object value, LabelDictionary labels) {
        ensure(row + 1);
        if (value instanceof Double number) {
            if (numbers == null) {
                numbers = new double[tags.length];
            }
            numbers[row] = number;
            tags[row] = NUMBER;
        } else if (value instanceof String label) {
            if (codes == null) {
                codes = new int[tags.length];
            }
            codes[row] = labels.code(label);
            tags[row] = LABEL;
        } else if (value instanceof Boolean flag) {
            tags[row] = flag ? TRUE : FALSE;
        } else if (value instanceof List<?>) {
            tags[row] = LIST;
        } else if (value instanceof Map<?, ?>) {
            tags[row] = OBJECT;
        } else {
            tags[row] = NULL;
        }
    }

    private void ensure(int rows) {
        if (rows > tags.length) {
            int size = Math.max(rows, tags.length * 2);
            tags = Arrays.copyOf(tags, size);
            if (numbers != null) {
                numbers = Arrays.copyOf(numbers, size);
            }
            if (codes != null) {
                codes = Arrays.copyOf(codes, size);
            }
        }
    }

    /** Keeps room for {@code rows} rows at most (rows beyond {@link #tag}'s reach stay absent). */
    void trim(int rows) {
        if (tags.length > rows) {
            tags = Arrays.copyOf(tags, rows);
            if (numbers != null) {
                numbers = Arrays.copyOf(numbers, rows);
            }
            if (codes != null) {
                codes = Arrays.copyOf(codes, rows);
            }
        }
    }

    byte tag(int row) {
        return row < tags.length ? tags[row] : ABSENT;
    }

    double number(int row) {
        return numbers[row];
    }

    int code(int row) {
        return codes[row];
    }

    /** The value as the parser gave it: Double, String, Boolean, {@code List.of()}, {@code Map.of()} or null. */
    Object value(int row, LabelDictionary labels) {
        return switch (tag(row)) {
            case NUMBER -> numbers[row];
            case LABEL -> labels.label(codes[row]);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case LIST -> List.of();
            case OBJECT -> Map.of();
            default -> null;
        };
    }

    /** The row's value as a drift label: a number as its category text, a label, a boolean as text; otherwise {@code null}. */
    String label(int row, LabelDictionary labels) {
        return switch (tag(row)) {
            case NUMBER -> DriftEngine.numberLabel(numbers[row]);
            case LABEL -> labels.label(codes[row]);
            case TRUE -> "true";
            case FALSE -> "false";
            default -> null;
        };
    }

    /** Bytes held (for the window's memory budget). */
    long bytes() {
        return 16L + tags.length + (numbers == null ? 0 : 8L * numbers.length) + (codes == null ? 0 : 4L * codes.length);
    }
}
