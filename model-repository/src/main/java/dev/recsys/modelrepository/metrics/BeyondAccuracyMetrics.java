package dev.recsys.modelrepository.metrics;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Beyond-accuracy quality of a set of recommendation lists (docs/model-builder.md, "Beyond accuracy"):
 * catalog coverage, unique items, intra-list diversity, novelty, popularity Gini and genre share.
 * model-builder feeds it the evaluated top-k lists; metrics-gateway feeds it the exposure counts and
 * per-list diversity of the lists served in a window, so both compute the same definitions here.
 * Lists may come from several model versions (each with its catalog): coverage, Gini and genre share
 * are then over the union of the catalogs by movie id, and each slot's novelty uses its own version's
 * training popularity. Not thread-safe.
 */
public final class BeyondAccuracyMetrics {

    /** Catalogs seen, each with its exposure count per item index. */
    private final Map<ItemTable, long[]> exposure = new IdentityHashMap<>();
    /** Training rating count of each catalog, the denominator of an item's popularity. */
    private final Map<ItemTable, Long> totalRatings = new IdentityHashMap<>();
    private final Set<Long> unknownItems = new HashSet<>();
    private long lists;
    private long slots;
    private double noveltySum;
    private double diversitySum;
    private long diversityLists;

    /** The metrics of lists of item indices, all from one catalog (the offline evaluation's top-k lists). */
    public static ModelCard.BeyondAccuracy of(ItemTable catalog, Iterable<int[]> lists) {
        BeyondAccuracyMetrics metrics = new BeyondAccuracyMetrics();
        for (int[] list : lists) {
            metrics.addList(catalog, list);
        }
        return metrics.result();
    }

    /** Adds one list of item indices of the catalog: its exposure and its intra-list diversity. */
    public BeyondAccuracyMetrics addList(ItemTable catalog, int[] items) {
        lists++;
        for (int item : items) {
            addExposure(catalog, item, 1);
        }
        addDiversity(intraListDiversity(catalog, items), 1);
        return this;
    }

    /** Counts lists whose items and diversity are added separately ({@link #addExposure}, {@link #addDiversity}). */
    public BeyondAccuracyMetrics addLists(long count) {
        lists += count;
        return this;
    }

    /** The item at {@code item} of the catalog filled {@code count} served slots. */
    public BeyondAccuracyMetrics addExposure(ItemTable catalog, int item, long count) {
        exposure.computeIfAbsent(catalog, c -> new long[c.size()])[item] += count;
        slots += count;
        noveltySum += count * selfInformation(catalog, item);
        return this;
    }

    /** A served movie its version's catalog does not hold: it counts as a unique item only. */
    public BeyondAccuracyMetrics addUnknownItem(long movieId) {
        unknownItems.add(movieId);
        return this;
    }

    /**
     * Adds the sum of the intra-list diversities of {@code count} lists; a NaN sum (lists without a
     * pair of items) is not added.
     */
    public BeyondAccuracyMetrics addDiversity(double sum, long count) {
        if (!Double.isNaN(sum) && count > 0) {
            diversitySum += sum;
            diversityLists += count;
        }
        return this;
    }

    /**
     * 1 − the mean genre Jaccard similarity over the pairs of catalog items in the list; NaN when the
     * list has fewer than two such items. Two items without genres count as identical (Jaccard 1).
     */
    public static double intraListDiversity(ItemTable catalog, int[] items) {
        double similarity = 0;
        long pairs = 0;
        for (int a = 0; a < items.length; a++) {
            for (int b = a + 1; b < items.length; b++) {
                similarity += jaccard(catalog.genreIds(items[a]), catalog.genreIds(items[b]));
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : 1 - similarity / pairs;
    }

    /** |A ∩ B| / |A ∪ B| of two genre id sets without repeats; 1 when both are empty. */
    static double jaccard(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int common = 0;
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    common++;
                    break;
                }
            }
        }
        return common / (double) (a.length + b.length - common);
    }

    /**
     * −log2 p of an item, p = its share of the catalog's training ratings, floored at 1/(ratings + 1)
     * so that an item without training ratings has a finite novelty.
     */
    public double selfInformation(ItemTable catalog, int item) {
        long ratings = totalRatings(catalog);
        double share = ratings == 0 ? 0 : catalog.ratingCount(item) / (double) ratings;
        double p = Math.max(share, 1.0 / (ratings + 1));
        return -Math.log(p) / Math.log(2);
    }

    private long totalRatings(ItemTable catalog) {
        return totalRatings.computeIfAbsent(catalog, c -> {
            long sum = 0;
            for (int i = 0; i < c.size(); i++) {
                sum += c.ratingCount(i);
            }
            return sum;
        });
    }

    /** The metrics of everything added; a value is null where it is undefined (no slots, no pairs). */
    public ModelCard.BeyondAccuracy result() {
        // exposure and genres by movie id over the union of the catalogs (one catalog: its own order)
        Map<Integer, Long> byMovie = new HashMap<>();
        Map<String, Double> genreSlots = new TreeMap<>();
        exposure.forEach((catalog, counts) -> {
            for (int i = 0; i < counts.length; i++) {
                byMovie.merge(catalog.movieId(i), counts[i], Long::sum);
                if (counts[i] > 0) {
                    int[] genres = catalog.genreIds(i);
                    if (genres.length == 0) {
                        genreSlots.merge(ItemTable.NO_GENRES, (double) counts[i], Double::sum);
                    }
                    for (int g : genres) {
                        genreSlots.merge(catalog.genreNames()[g], counts[i] / (double) genres.length, Double::sum);
                    }
                }
            }
        });
        long[] counts = byMovie.values().stream().mapToLong(Long::longValue).toArray();
        long served = Arrays.stream(counts).filter(c -> c > 0).count();
        Map<String, Double> genreShare = new TreeMap<>();
        genreSlots.forEach((genre, sum) -> genreShare.put(genre, sum / slots));
        return new ModelCard.BeyondAccuracy(lists, slots,
                counts.length == 0 ? null : served / (double) counts.length,
                served + unknownItems.size(),
                diversityLists == 0 ? null : diversitySum / diversityLists,
                slots == 0 ? null : noveltySum / slots,
                slots == 0 ? null : gini(counts),
                genreShare);
    }

    /**
     * Gini coefficient of non-negative counts: Σ (2i − n − 1)·x₍ᵢ₎ / (n·Σx) over the counts sorted
     * ascending, i = 1..n; 0 when all are equal, (n − 1)/n when one holds everything; NaN when all are 0.
     */
    static double gini(long[] counts) {
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
            total += sorted[i];
        }
        return total == 0 ? Double.NaN : weighted / (n * total);
    }
}
