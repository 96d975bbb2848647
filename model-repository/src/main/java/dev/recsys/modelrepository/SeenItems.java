package dev.recsys.modelrepository;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Items each user rated in training ({@code seen.bin}), in CSR form: user {@code u}'s item indices
 * are {@code items[offsets[u] .. offsets[u+1])}, ascending.
 */
public final class SeenItems {

    private final int[] offsets;
    private final int[] items;

    /** Arrays are taken over, not copied; each user's items must be ascending. */
    public SeenItems(int[] offsets, int[] items) {
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != items.length) {
            throw new IllegalArgumentException("offsets must start at 0 and end at items.length");
        }
        this.offsets = offsets;
        this.items = items;
    }

    public int users() {
        return offsets.length - 1;
    }

    /** Number of items the user rated in training. */
    public int count(int user) {
        return offsets[user + 1] - offsets[user];
    }

    /** First position of the user's items in {@link #items()}. */
    public int start(int user) {
        return offsets[user];
    }

    /** One past the last position of the user's items in {@link #items()}. */
    public int end(int user) {
        return offsets[user + 1];
    }

    /** All item indices, user after user; do not modify. */
    public int[] items() {
        return items;
    }

    /** The user's items as a new array. */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
    }

    public boolean contains(int user, int item) {
        return Arrays.binarySearch(items, offsets[user], offsets[user + 1], item) >= 0;
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(users());
            for (int o : offsets) {
                out.writeInt(o);
            }
            for (int i : items) {
                out.writeInt(i);
            }
        }
    }

    public static SeenItems read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int users = in.readInt();
            if (users < 0) {
                throw new IOException(file + ": negative user count");
            }
            int[] offsets = new int[users + 1];
            for (int u = 0; u <= users; u++) {
                offsets[u] = in.readInt();
                if (u > 0 && offsets[u] < offsets[u - 1]) {
                    throw new IOException(file + ": offsets not ascending at user " + u);
                }
            }
            int[] items = new int[offsets[users]];
            for (int i = 0; i < items.length; i++) {
                items[i] = in.readInt();
            }
            return new SeenItems(offsets, items);
        }
    }
}
