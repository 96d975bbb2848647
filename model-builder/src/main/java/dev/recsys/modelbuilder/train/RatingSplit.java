package dev.recsys.modelbuilder.train;

import dev.recsys.modelbuilder.data.Dataset;
import dev.recsys.modelrepository.FloatList;
import dev.recsys.modelrepository.IdIndex;
import dev.recsys.modelrepository.IntList;
import dev.recsys.modelrepository.SeenItems;
import java.util.Arrays;

/**
 * A per-user time split with dense indices: items are the catalog rows (catalog order), users the
 * distinct user ids ascending. Each user's latest {@code round(testFraction * n)} ratings (by
 * timestamp, ties in input order) are held out. Ratings are kept in CSR form by user (items ascending) and,
 * for training, by item.
 */
public final class RatingSplit {

    private final int[] userIds;
    private final int nItems;
    private final int[] trainUserOffsets;
    private final int[] trainUserItems;
    private final float[] trainUserRatings;
    private final int[] trainItemOffsets;
    private final int[] trainItemUsers;
    private final float[] trainItemRatings;
    private final int[] testUserOffsets;
    private final int[] testUserItems;
    private final float[] testUserRatings;
    private final double globalMean;

    private RatingSplit(int[] userIds, int nItems, int[] trainUserOffsets, int[] trainUserItems,
                        float[] trainUserRatings, int[] testUserOffsets, int[] testUserItems, float[] testUserRatings) {
        this.userIds = userIds;
        this.nItems = nItems;
        this.trainUserOffsets = trainUserOffsets;
        this.trainUserItems = trainUserItems;
        this.trainUserRatings = trainUserRatings;
        this.testUserOffsets = testUserOffsets;
        this.testUserItems = testUserItems;
        this.testUserRatings = testUserRatings;
        // transpose the training ratings into item-major order
        int[] counts = new int[nItems + 1];
        for (int item : trainUserItems) {
            counts[item + 1]++;
        }
        for (int i = 0; i < nItems; i++) {
            counts[i + 1] += counts[i];
        }
        this.trainItemOffsets = counts.clone();
        this.trainItemUsers = new int[trainUserItems.length];
        this.trainItemRatings = new float[trainUserItems.length];
        int[] fill = Arrays.copyOf(counts, nItems);
        double sum = 0;
        for (int u = 0; u < userIds.length; u++) {
            for (int p = trainUserOffsets[u]; p < trainUserOffsets[u + 1]; p++) {
                int at = fill[trainUserItems[p]]++;
                trainItemUsers[at] = u;
                trainItemRatings[at] = trainUserRatings[p];
                sum += trainUserRatings[p];
            }
        }
        this.globalMean = trainUserItems.length == 0 ? 0 : sum / trainUserItems.length;
    }

    /** Splits the data set; {@code testFraction} in [0, 1). A movie rated twice by a user counts once, with the latest rating. */
    public static RatingSplit split(Dataset data, double testFraction) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1)");
        }
        int n = data.ratingCount();
        int[] ratingUsers = data.userIds();
        int[] distinctUsers = distinct(ratingUsers);
        int nUsers = distinctUsers.length;
        IdIndex items = new IdIndex(data.movieIds());
        int nItems = data.movieCount();

        // counting sort of rating positions by user index
        int[] userOf = new int[n];
        int[] starts = new int[nUsers + 1];
        for (int p = 0; p < n; p++) {
            userOf[p] = Arrays.binarySearch(distinctUsers, ratingUsers[p]);
            starts[userOf[p] + 1]++;
        }
        for (int u = 0; u < nUsers; u++) {
            starts[u + 1] += starts[u];
        }
        int[] positions = new int[n];
        int[] fill = Arrays.copyOf(starts, nUsers);
        for (int p = 0; p < n; p++) {
            positions[fill[userOf[p]]++] = p;
        }

        int[] trainOffsets = new int[nUsers + 1];
        int[] testOffsets = new int[nUsers + 1];
        IntList trainItems = new IntList();
        FloatList trainRatings = new FloatList();
        IntList testItems = new IntList();
        FloatList testRatings = new FloatList();
        int[] lastSeenBy = new int[nItems];
        Arrays.fill(lastSeenBy, -1);
        long[] keys = new long[0];
        int[] kept = new int[0];
        for (int u = 0; u < nUsers; u++) {
            int count = starts[u + 1] - starts[u];
            if (keys.length < count) {
                keys = new long[count];
                kept = new int[count];
            }
            // by time, ties in input order: timestamp in the high bits, position within the user below
            for (int j = 0; j < count; j++) {
                long ts = data.timestamps()[positions[starts[u] + j]];
                keys[j] = (Math.max(0, ts) << 24) | j;
            }
            Arrays.sort(keys, 0, count);
            // walk backwards so that a movie rated twice keeps its latest rating
            int keptCount = 0;
            for (int j = count - 1; j >= 0; j--) {
                int p = positions[starts[u] + (int) (keys[j] & 0xffffff)];
                int item = items.indexOf(data.ratingMovieIds()[p]);
                if (lastSeenBy[item] != u) {
                    lastSeenBy[item] = u;
                    kept[keptCount++] = p;
                }
            }
            int test = (int) Math.round(keptCount * testFraction);
            int train = keptCount - test;
            for (int j = 0; j < keptCount; j++) {
                int p = kept[keptCount - 1 - j];
                int item = items.indexOf(data.ratingMovieIds()[p]);
                if (j < train) {
                    trainItems.add(item);
                    trainRatings.add(data.ratings()[p]);
                } else {
                    testItems.add(item);
                    testRatings.add(data.ratings()[p]);
                }
            }
            trainOffsets[u + 1] = trainOffsets[u] + train;
            testOffsets[u + 1] = testOffsets[u] + test;
        }
        int[] trItems = trainItems.toArray();
        float[] trRatings = trainRatings.toArray();
        int[] teItems = testItems.toArray();
        float[] teRatings = testRatings.toArray();
        for (int u = 0; u < nUsers; u++) {
            sortByItem(trItems, trRatings, trainOffsets[u], trainOffsets[u + 1]);
            sortByItem(teItems, teRatings, testOffsets[u], testOffsets[u + 1]);
        }
        return new RatingSplit(distinctUsers, nItems, trainOffsets, trItems, trRatings, testOffsets, teItems,
                teRatings);
    }

    private static int[] distinct(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private static void sortByItem(int[] items, float[] ratings, int from, int to) {
        long[] packed = new long[to - from];
        for (int p = from; p < to; p++) {
            packed[p - from] = ((long) items[p] << 32) | (Float.floatToRawIntBits(ratings[p]) & 0xffffffffL);
        }
        Arrays.sort(packed);
        for (int p = from; p < to; p++) {
            items[p] = (int) (packed[p - from] >>> 32);
            ratings[p] = Float.intBitsToFloat((int) packed[p - from]);
        }
    }

    public int users() {
        return userIds.length;
    }

    public int items() {
        return nItems;
    }

    /** External user id of a user index. */
    public int userId(int user) {
        return userIds[user];
    }

    public int[] userIds() {
        return userIds;
    }

    public double globalMean() {
        return globalMean;
    }

    public int trainCount() {
        return trainUserItems.length;
    }

    public int testCount() {
        return testUserItems.length;
    }

    /** Training ratings by user: items of user u are at {@code [trainUserOffsets[u], trainUserOffsets[u+1])}. */
    public int[] trainUserOffsets() {
        return trainUserOffsets;
    }

    public int[] trainUserItems() {
        return trainUserItems;
    }

    public float[] trainUserRatings() {
        return trainUserRatings;
    }

    /** Training ratings by item: users of item i are at {@code [trainItemOffsets[i], trainItemOffsets[i+1])}. */
    public int[] trainItemOffsets() {
        return trainItemOffsets;
    }

    public int[] trainItemUsers() {
        return trainItemUsers;
    }

    public float[] trainItemRatings() {
        return trainItemRatings;
    }

    /** Held-out ratings by user, items ascending. */
    public int[] testUserOffsets() {
        return testUserOffsets;
    }

    public int[] testUserItems() {
        return testUserItems;
    }

    public float[] testUserRatings() {
        return testUserRatings;
    }

    public int trainCount(int user) {
        return trainUserOffsets[user + 1] - trainUserOffsets[user];
    }

    public int testCount(int user) {
        return testUserOffsets[user + 1] - testUserOffsets[user];
    }

    /** The training items of every user, for {@code seen.bin}. */
    public SeenItems seenItems() {
        return new SeenItems(trainUserOffsets, trainUserItems);
    }
}
