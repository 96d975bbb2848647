package dev.recsys.drift.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The {@code features} object of one event as a read-only map: names and values in two arrays, in
 * the order met, a repeated name counting as last seen. It is built for every event read, so it
 * avoids a hash table's nodes; names are looked up by a scan (the parser hands out one instance
 * per name, so {@code ==} mostly decides), and by a hash index once an event has more than
 * {@link #SCAN_LIMIT} of them, so a huge object costs linear time.
 */
final class FeatureValues extends AbstractMap<String, Object> {

    static final int SCAN_LIMIT = 16;

    private String[] names = new String[8];
    private Object[] values = new Object[8];
    private int size;
    /** Name → position, from more than {@link #SCAN_LIMIT} names on. */
    private Map<String, Integer> index;

    /** Sets a value while the event is read: a repeated name replaces the earlier value in its place. */
    void add(String name, Object value) {
        int at = position(name);
        if (at >= 0) {
            values[at] = value;
            return;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        if (index != null) {
            index.put(name, size);
        } else if (size == SCAN_LIMIT) {
            index = new HashMap<>(4 * SCAN_LIMIT);
            for (int i = 0; i <= size; i++) {
                index.put(names[i], i);
            }
        }
        size++;
    }

    private int position(Object name) {
        if (index != null) {
            Integer at = index.get(name);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < size; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String && position(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int at = name instanceof String ? position(name) : -1;
        return at < 0 ? null : values[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(names[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
