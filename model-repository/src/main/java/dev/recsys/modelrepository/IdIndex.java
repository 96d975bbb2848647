package dev.recsys.modelrepository;

import java.util.Arrays;

/** Maps external ids (movie or user ids) to dense indices without boxing: a sorted copy of the ids plus their indices. */
public final class IdIndex {

    private final int[] sortedIds;
    private final int[] indices;

    public IdIndex(int[] ids) {
        long[] packed = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            packed[i] = ((long) ids[i] << 32) | (i & 0xffffffffL);
        }
        Arrays.sort(packed);
        sortedIds = new int[ids.length];
        indices = new int[ids.length];
        for (int i = 0; i < packed.length; i++) {
            sortedIds[i] = (int) (packed[i] >> 32);
            indices[i] = (int) packed[i];
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("duplicate id " + sortedIds[i]);
            }
        }
    }

    public int indexOf(int id) {
        int pos = Arrays.binarySearch(sortedIds, id);
        return pos >= 0 ? indices[pos] : -1;
    }
}
