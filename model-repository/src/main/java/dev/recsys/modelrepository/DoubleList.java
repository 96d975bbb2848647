package dev.recsys.modelrepository;

import java.util.Arrays;

/** A growable double array, to read large files without boxing. */
public final class DoubleList {

    private double[] values = new double[16];
    private int size;

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public double get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
