package dev.recsys.modelrepository.features;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.UserTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of one prediction event (docs/architecture.md §5, docs/model-repository.md). model-builder uses it for
 * {@code reference.json} and recommender-service for every event, so both describe traffic the same way.
 * Every fractional feature is rounded to float32 precision ({@link #float32}), the precision of the served
 * scores, so a value computed here and the same value computed from a cached list or in the reference are equal
 * bit for bit. Thread-safe; one instance per loaded model.
 */
public final class PredictionFeatures {

    public static final String USER_RATING_COUNT = "user_rating_count";
    public static final String USER_MEAN_RATING = "user_mean_rating";
    public static final String USER_SEGMENT = "user_segment";
    public static final String REC_MEAN_SCORE = "rec_mean_score";
    public static final String REC_TOP_SCORE = "rec_top_score";
    public static final String REC_MEAN_POPULARITY = "rec_mean_popularity";
    public static final String REC_TOP_GENRE = "rec_top_genre";
    /** Every feature name, in event order. */
    public static final List<String> NAMES = List.of(USER_RATING_COUNT, USER_MEAN_RATING, USER_SEGMENT,
            REC_MEAN_SCORE, REC_TOP_SCORE, REC_MEAN_POPULARITY, REC_TOP_GENRE);

    public static final String SEGMENT_COLD = "cold";
    public static final String SEGMENT_LIGHT = "light";
    public static final String SEGMENT_CASUAL = "casual";
    public static final String SEGMENT_HEAVY = "heavy";
    /** Fewer training ratings than this: {@value #SEGMENT_LIGHT}. */
    public static final int LIGHT_BELOW = 20;
    /** Fewer training ratings than this (and not light): {@value #SEGMENT_CASUAL}; otherwise heavy. */
    public static final int CASUAL_BELOW = 100;

    private final float[] popularity;
    private final int[][] genreIds;
    private final String[] genreNames;

    public PredictionFeatures(ItemTable items) {
        this.popularity = items.popularityArray();
        this.genreNames = items.genreNames();
        int[][] ids = new int[items.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.genreIds(i);
        }
        this.genreIds = ids;
    }

    /** The segment of a user; {@code known} false means the model has never seen the user. */
    public static String segment(boolean known, int ratingCount) {
        if (!known) {
            return SEGMENT_COLD;
        }
        return ratingCount < LIGHT_BELOW ? SEGMENT_LIGHT : ratingCount < CASUAL_BELOW ? SEGMENT_CASUAL : SEGMENT_HEAVY;
    }

    /**
     * Features of a list served to a user of the model.
     *
     * @param users     the model's user table
     * @param userIndex the user's index, or -1 for an unknown (cold-start) user
     * @param items     served item indices, best first; the first {@code count} are used
     * @param scores    their served scores
     */
    public Map<String, Object> compute(UserTable users, int userIndex, int[] items, float[] scores, int count) {
        if (userIndex < 0) {
            return compute(0, null, items, scores, count);
        }
        return compute(users.ratingCount(userIndex), users.meanRating(userIndex), items, scores, count);
    }

    /**
     * Features of a served list.
     *
     * @param userRatingCount the user's training rating count (0 for an unknown user)
     * @param userMeanRating  the user's training mean rating, {@code null} for an unknown user
     */
    public Map<String, Object> compute(int userRatingCount, Double userMeanRating, int[] items, float[] scores,
                                       int count) {
        checkCount(items.length, scores.length, count);
        double sum = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            sum += scores[i];
            top = Math.max(top, scores[i]);
        }
        return assemble(userRatingCount, userMeanRating, items, count, sum, top);
    }

    /** As {@link #compute(int, Double, int[], float[], int)} for scores held as doubles (e.g. cached lists). */
    public Map<String, Object> compute(int userRatingCount, Double userMeanRating, int[] items, double[] scores,
                                       int count) {
        checkCount(items.length, scores.length, count);
        double sum = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            sum += scores[i];
            top = Math.max(top, scores[i]);
        }
        return assemble(userRatingCount, userMeanRating, items, count, sum, top);
    }

    private Map<String, Object> assemble(int userRatingCount, Double userMeanRating, int[] items, int count,
                                         double scoreSum, double topScore) {
        boolean known = userMeanRating != null;
        Map<String, Object> f = new LinkedHashMap<>(16);
        f.put(USER_RATING_COUNT, known ? userRatingCount : 0);
        f.put(USER_MEAN_RATING, known ? float32(userMeanRating) : null);
        f.put(USER_SEGMENT, segment(known, userRatingCount));
        if (count == 0) {
            f.put(REC_MEAN_SCORE, null);
            f.put(REC_TOP_SCORE, null);
            f.put(REC_MEAN_POPULARITY, null);
            f.put(REC_TOP_GENRE, null);
            return f;
        }
        double popularitySum = 0;
        int[] genreCounts = new int[genreNames.length];
        for (int i = 0; i < count; i++) {
            int item = items[i];
            popularitySum += popularity[item];
            for (int g : genreIds[item]) {
                genreCounts[g]++;
            }
        }
        int best = -1;
        for (int g = 0; g < genreCounts.length; g++) {
            // strict '>' keeps the alphabetically first genre on ties (genreNames is sorted)
            if (genreCounts[g] > 0 && (best < 0 || genreCounts[g] > genreCounts[best])) {
                best = g;
            }
        }
        f.put(REC_MEAN_SCORE, float32(scoreSum / count));
        f.put(REC_TOP_SCORE, float32(topScore));
        f.put(REC_MEAN_POPULARITY, float32(popularitySum / count));
        f.put(REC_TOP_GENRE, best < 0 ? null : genreNames[best]);
        return f;
    }

    /** The precision of every fractional feature: the nearest float32, as a double. */
    public static double float32(double value) {
        return (float) value;
    }

    private static void checkCount(int items, int scores, int count) {
        if (count < 0 || count > items || count > scores) {
            throw new IllegalArgumentException("count " + count + " exceeds items (" + items + ") or scores ("
                    + scores + ")");
        }
    }
}
