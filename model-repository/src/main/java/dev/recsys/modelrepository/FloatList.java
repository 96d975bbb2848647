package dev.recsys.modelrepository;

import java.util.Arrays;

/** A growable float array, to read large files without boxing. */
public final class FloatList {

    private float[] values = new float[16];
    private int size;

    public void add(float value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public float get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    public float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
