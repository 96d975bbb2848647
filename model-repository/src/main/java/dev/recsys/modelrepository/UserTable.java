package dev.recsys.modelrepository;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The user index map ({@code users.csv}): user id and training-split statistics per user index. */
public final class UserTable {

    public static final String HEADER = "index,userId,ratingCount,meanRating";

    private final int[] userIds;
    private final int[] ratingCounts;
    private final double[] meanRatings;
    private final IdIndex index;

    /** Arrays are taken over, not copied. */
    public UserTable(int[] userIds, int[] ratingCounts, double[] meanRatings) {
        if (ratingCounts.length != userIds.length || meanRatings.length != userIds.length) {
            throw new IllegalArgumentException("user arrays differ in length");
        }
        this.userIds = userIds;
        this.ratingCounts = ratingCounts;
        this.meanRatings = meanRatings;
        this.index = new IdIndex(userIds);
    }

    public int size() {
        return userIds.length;
    }

    /** User index of a user id, or -1 for a user the model does not know (cold start). */
    public int indexOf(int userId) {
        return index.indexOf(userId);
    }

    public int userId(int user) {
        return userIds[user];
    }

    public int ratingCount(int user) {
        return ratingCounts[user];
    }

    /** Mean training rating; NaN when the user has no training ratings. */
    public double meanRating(int user) {
        return meanRatings[user];
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (int u = 0; u < size(); u++) {
                w.write(u + "," + userIds[u] + "," + ratingCounts[u] + ","
                        + (Double.isNaN(meanRatings[u]) ? "" : String.format(Locale.ROOT, "%.4f", meanRatings[u]))
                        + "\n");
            }
        }
    }

    public static UserTable read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IOException(file + ": expected header '" + HEADER + "'");
            }
            IntList ids = new IntList();
            IntList counts = new IntList();
            DoubleList means = new DoubleList();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",", -1);
                if (f.length != 4 || Integer.parseInt(f[0]) != ids.size()) {
                    throw new IOException(file + ": bad line " + (ids.size() + 2) + ": " + line);
                }
                ids.add(Integer.parseInt(f[1]));
                counts.add(Integer.parseInt(f[2]));
                means.add(f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]));
            }
            return new UserTable(ids.toArray(), counts.toArray(), means.toArray());
        }
    }
}
