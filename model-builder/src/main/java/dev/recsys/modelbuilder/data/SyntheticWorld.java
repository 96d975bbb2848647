package dev.recsys.modelbuilder.data;

import java.util.SplittableRandom;

/**
 * The ground truth of a synthetic data set ({@link SyntheticDataGenerator#world}): what the generator knows and a
 * model can only estimate. Movies (by index, movie id = index + 1) have genres, a quality, a hidden 4-d taste and
 * a popularity; users (by index, user id = index + 1) have a rating count and a {@link UserTaste}. The traffic
 * simulator rates served movies with {@link #rate} and picks them with {@link #choiceWeight}, the same laws the
 * generator used for the training data.
 */
public final class SyntheticWorld {

    /** A user's hidden tastes: rating bias, affinity per genre, genre choice weights (cumulative), hidden taste. */
    public record UserTaste(double bias, double[] genreTaste, double[] genreChoiceCdf, double[] hidden) {
    }

    private final SyntheticSpec spec;
    private final int[] movieIds;
    private final String[] titles;
    private final String[] genres;
    private final int[] years;
    private final int[][] movieGenres;
    private final double[] quality;
    private final double[][] movieTaste;
    private final double[] popularity;
    private final int[] ratingCounts;
    private final UserTaste[] users;
    /** Sum of the popularity of each genre's movies: the normaliser of the generator's draw within a genre. */
    private final double[] genrePopularity;

    SyntheticWorld(SyntheticSpec spec, int[] movieIds, String[] titles, String[] genres, int[] years,
                   int[][] movieGenres, double[] quality, double[][] movieTaste, double[] popularity,
                   int[] ratingCounts, UserTaste[] users) {
        this.spec = spec;
        this.movieIds = movieIds;
        this.titles = titles;
        this.genres = genres;
        this.years = years;
        this.movieGenres = movieGenres;
        this.quality = quality;
        this.movieTaste = movieTaste;
        this.popularity = popularity;
        this.ratingCounts = ratingCounts;
        this.users = users;
        this.genrePopularity = new double[SyntheticDataGenerator.GENRES.length];
        for (int m = 0; m < movieGenres.length; m++) {
            for (int g : movieGenres[m]) {
                genrePopularity[g] += popularity[m];
            }
        }
    }

    public SyntheticSpec spec() {
        return spec;
    }

    public int users() {
        return users.length;
    }

    public int movies() {
        return movieIds.length;
    }

    /** The tastes of the user with index {@code user} (user id {@code user + 1}). */
    public UserTaste user(int user) {
        return users[user];
    }

    /** A new user the data never saw, drawn from the same law as the data's users. */
    public static UserTaste newUser(SplittableRandom random) {
        return SyntheticDataGenerator.drawUser(random);
    }

    /** A rating of movie index {@code movie} by the user: the generator's formula with fresh noise. */
    public float rate(UserTaste user, int movie, SplittableRandom random) {
        return SyntheticDataGenerator.rating(user, movieGenres[movie], quality[movie], movieTaste[movie], random);
    }

    /** The relative probability that the user picks movie index {@code movie} (the generator's choice law). */
    public double choiceWeight(UserTaste user, int movie) {
        return SyntheticDataGenerator.choiceWeight(user, movieGenres[movie], popularity[movie], movieTaste[movie],
                genrePopularity);
    }

    /** Movie index of a movie id, or -1. */
    public int movieIndex(int movieId) {
        return movieId >= 1 && movieId <= movieIds.length ? movieId - 1 : -1;
    }

    int[] movieIds() {
        return movieIds;
    }

    String[] titles() {
        return titles;
    }

    String[] genres() {
        return genres;
    }

    int[] years() {
        return years;
    }

    int[][] movieGenres() {
        return movieGenres;
    }

    double[][] movieTaste() {
        return movieTaste;
    }

    double[] popularity() {
        return popularity;
    }

    /** Ratings each user has in the generated data. */
    public int[] ratingCounts() {
        return ratingCounts;
    }

    /** Parses a data source label as {@link Dataset#source()} writes it for synthetic data; null otherwise. */
    public static SyntheticSpec parseSource(String source) {
        if (source == null || !source.startsWith("synthetic(") || !source.endsWith(")")) {
            return null;
        }
        long seed = -1;
        long users = -1;
        long movies = -1;
        long ratings = -1;
        for (String part : source.substring("synthetic(".length(), source.length() - 1).split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                return null;
            }
            long v;
            try {
                v = Long.parseLong(kv[1].trim());
            } catch (NumberFormatException e) {
                return null;
            }
            switch (kv[0].trim()) {
                case "seed" -> seed = v;
                case "users" -> users = v;
                case "movies" -> movies = v;
                case "ratings" -> ratings = v;
                default -> {
                    return null;
                }
            }
        }
        return users < 1 || movies < 1 || ratings < 1 ? null : new SyntheticSpec((int) users, (int) movies, ratings, seed);
    }
}
