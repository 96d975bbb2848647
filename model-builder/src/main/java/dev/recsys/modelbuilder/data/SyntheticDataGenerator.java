package dev.recsys.modelbuilder.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Generates MovieLens-like data, the same for the same spec on any machine and thread count.
 * Users choose movies by genre taste, a hidden 4-d taste and a log-normal, long-tailed popularity
 * (better movies are more popular), and rate them as
 * {@code base + user bias + movie quality + genre affinity + hidden taste match + noise}, rounded to half
 * stars. Choice and rating share the tastes, as with real viewers who mostly watch what they expect to
 * like, so a personalised model has something to find that popularity alone misses.
 */
public final class SyntheticDataGenerator {

    static final String[] GENRES = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
        "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance",
        "Sci-Fi", "Thriller", "War", "Western"};
    /** Relative genre frequencies, roughly as in MovieLens. */
    private static final double[] GENRE_WEIGHTS = {8, 5, 2, 2.5, 14, 5, 2, 18, 3, 0.4, 4, 0.6, 1.2, 2.5, 7,
        3, 8, 1.5, 0.8};
    private static final String[] ADJECTIVES = {"Silent", "Broken", "Golden", "Hidden", "Last", "Crimson",
        "Forgotten", "Burning", "Frozen", "Midnight", "Lonely", "Wild", "Secret", "Dark", "Electric", "Lost",
        "Eternal", "Savage", "Quiet", "Shattered", "Endless", "Restless", "Velvet", "Iron", "Blue", "Distant",
        "Hollow", "Brave", "Little", "Final", "Sweet", "Bitter", "Strange", "Sacred", "Wicked", "Gentle"};
    private static final String[] NOUNS = {"River", "Kingdom", "Horizon", "Promise", "Garden", "Shadow",
        "Empire", "Station", "Letter", "Storm", "Harbor", "Mirror", "Summer", "Winter", "Voyage", "Island",
        "Circus", "Frontier", "Melody", "Witness", "Orchard", "Canyon", "Lantern", "Machine", "Affair", "Heist",
        "Detective", "Stranger", "Dancer", "Soldier", "Bridge", "Highway", "Planet", "Castle", "Secret", "Game"};
    private static final String[] PLACES = {"Paris", "Brooklyn", "Tokyo", "Nowhere", "Avalon", "Casablanca",
        "Mars", "Berlin", "Sunset Boulevard", "the Valley", "Zanzibar", "Alaska", "Vienna", "Rio", "Memphis"};
    private static final String[] NAMES = {"Anna", "Jack", "Lucy", "Max", "Rosa", "Leo", "Nora", "Sam",
        "Ida", "Felix", "Mia", "Otto", "Vera", "Hugo", "Clara", "Milo"};
    private static final int TASTE_DIMENSIONS = 4;
    /** How strongly quality drives popularity (log scale), and the popularity noise. */
    private static final double POPULARITY_QUALITY = 2.5;
    private static final double POPULARITY_NOISE = 0.5;
    /** How strongly genre taste and hidden taste drive which movies a user rates. */
    private static final double GENRE_PULL = 2.0;
    private static final double HIDDEN_PULL = 2.0;
    /** A drawn movie whose hidden match is at least this is kept; below, with probability exp(pull · (match − this)). */
    private static final double HIDDEN_ACCEPT_ALL = 1.0;
    /** Rating = base + user bias + quality + these × genre affinity and hidden taste + noise. */
    private static final double RATING_BASE = 2.15;
    private static final double RATING_GENRE = 0.8;
    private static final double RATING_HIDDEN = 0.8;
    private static final double RATING_NOISE = 0.5;
    private static final long FIRST_TIMESTAMP = 946_684_800L; // 2000-01-01
    private static final long TIMESTAMP_SPAN = 20L * 365 * 86_400;

    private SyntheticDataGenerator() {
    }

    public static Dataset generate(SyntheticSpec spec) {
        SyntheticWorld world = world(spec);
        int nUsers = spec.users();
        int nMovies = spec.movies();
        GenrePools pools = new GenrePools(world.movieGenres(), world.popularity());
        long[] offsets = new long[nUsers + 1];
        for (int u = 0; u < nUsers; u++) {
            offsets[u + 1] = offsets[u] + world.ratingCounts()[u];
        }
        int total = (int) offsets[nUsers];
        int[] movieIds = world.movieIds();
        int[] userIds = new int[total];
        int[] ratingMovieIds = new int[total];
        float[] ratings = new float[total];
        long[] timestamps = new long[total];
        IntStream.range(0, nUsers).parallel().forEach(u -> {
            // the user's stream draws the tastes first (as world() does), then the movies and their ratings
            SplittableRandom random = new SplittableRandom(mix(spec.seed(), u));
            SyntheticWorld.UserTaste taste = drawUser(random);
            int[] chosen = pools.sample(random, world.ratingCounts()[u], taste.genreChoiceCdf(), taste.hidden(),
                    world.movieTaste());
            long time = FIRST_TIMESTAMP + (long) (random.nextDouble() * TIMESTAMP_SPAN);
            int at = (int) offsets[u];
            for (int m : chosen) {
                userIds[at] = u + 1;
                ratingMovieIds[at] = movieIds[m];
                ratings[at] = world.rate(taste, m, random);
                time += 60 + (long) (-Math.log(1 - random.nextDouble()) * 3 * 86_400);
                timestamps[at] = time;
                at++;
            }
        });
        return new Dataset("synthetic(seed=" + spec.seed() + ",users=" + nUsers + ",movies=" + nMovies + ",ratings="
                + total + ")", movieIds, world.titles(), world.genres(), world.years(), userIds, ratingMovieIds,
                ratings, timestamps, DataHash.of(movieIds, world.titles(), world.genres(), userIds, ratingMovieIds,
                ratings, timestamps));
    }

    /**
     * The hidden truth behind {@link #generate}: the catalog with each movie's quality, genres, hidden taste and
     * popularity, and each user's bias, genre taste, hidden taste and rating count. {@code generate(spec)} draws
     * its ratings from exactly this world.
     */
    public static SyntheticWorld world(SyntheticSpec spec) {
        int nMovies = spec.movies();
        int nUsers = spec.users();
        SplittableRandom catalogRandom = new SplittableRandom(spec.seed());

        // catalog: titles, years, genres, quality, hidden taste
        int[] movieIds = new int[nMovies];
        String[] titles = new String[nMovies];
        String[] genres = new String[nMovies];
        int[] years = new int[nMovies];
        int[][] movieGenres = new int[nMovies][];
        double[] quality = new double[nMovies];
        double[][] movieTaste = new double[nMovies][];
        for (int m = 0; m < nMovies; m++) {
            movieIds[m] = m + 1;
            years[m] = year(catalogRandom);
            titles[m] = title(catalogRandom) + " (" + years[m] + ")";
            movieGenres[m] = pickGenres(catalogRandom);
            genres[m] = joinGenres(movieGenres[m]);
            quality[m] = catalogRandom.nextGaussian() * 0.45;
            movieTaste[m] = gaussianVector(catalogRandom, TASTE_DIMENSIONS);
        }
        // log-normal popularity driven by quality: a long tail, and better movies are seen more
        double[] popularity = new double[nMovies];
        for (int m = 0; m < nMovies; m++) {
            popularity[m] = Math.exp(POPULARITY_QUALITY * quality[m]
                    + POPULARITY_NOISE * catalogRandom.nextGaussian());
        }
        // users: rating counts (log-normal, scaled to the exact total), bias, genre taste, hidden taste
        int[] counts = userRatingCounts(spec, new SplittableRandom(spec.seed() ^ 0x5DEECE66DL));
        SyntheticWorld.UserTaste[] users = new SyntheticWorld.UserTaste[nUsers];
        IntStream.range(0, nUsers).parallel().forEach(u -> users[u] = drawUser(new SplittableRandom(mix(spec.seed(), u))));
        return new SyntheticWorld(spec, movieIds, titles, genres, years, movieGenres, quality, movieTaste, popularity,
                counts, users);
    }

    /** A user's tastes, the first draws of the user's random stream (also how a new, unknown user is drawn). */
    static SyntheticWorld.UserTaste drawUser(SplittableRandom random) {
        double bias = random.nextGaussian() * 0.35;
        double[] genreTaste = gaussianVector(random, GENRES.length);
        double[] genreChoice = new double[GENRES.length];
        for (int g = 0; g < GENRES.length; g++) {
            genreChoice[g] = GENRE_WEIGHTS[g] * Math.exp(GENRE_PULL * genreTaste[g]);
        }
        double[] taste = gaussianVector(random, TASTE_DIMENSIONS);
        return new SyntheticWorld.UserTaste(bias, genreTaste, cumulative(genreChoice), taste);
    }

    /** Rating = base + bias + quality + genre affinity + hidden match + noise, rounded to half stars in 0.5..5. */
    static float rating(SyntheticWorld.UserTaste user, int[] movieGenres, double quality, double[] movieTaste,
                        SplittableRandom random) {
        double affinity = 0;
        for (int g : movieGenres) {
            affinity += user.genreTaste()[g];
        }
        affinity /= movieGenres.length;
        double hidden = 0;
        for (int d = 0; d < TASTE_DIMENSIONS; d++) {
            hidden += user.hidden()[d] * movieTaste[d];
        }
        double value = RATING_BASE + user.bias() + quality + RATING_GENRE * affinity
                + RATING_HIDDEN * hidden / Math.sqrt(TASTE_DIMENSIONS) + random.nextGaussian() * RATING_NOISE;
        return (float) Math.min(5.0, Math.max(0.5, Math.round(value * 2) / 2.0));
    }

    /**
     * How likely the user is to pick this movie, relative to other movies (unnormalised): the generator picks a
     * genre by the user's genre choice weights, a movie of that genre by popularity, and keeps it with the
     * hidden-taste acceptance probability.
     */
    static double choiceWeight(SyntheticWorld.UserTaste user, int[] movieGenres, double popularity,
                               double[] movieTaste, double[] genrePopularity) {
        double[] cdf = user.genreChoiceCdf();
        double genreSum = 0;
        for (int g : movieGenres) {
            double weight = cdf[g] - (g == 0 ? 0 : cdf[g - 1]);
            genreSum += weight / genrePopularity[g];
        }
        double hidden = 0;
        for (int d = 0; d < TASTE_DIMENSIONS; d++) {
            hidden += user.hidden()[d] * movieTaste[d];
        }
        hidden /= Math.sqrt(TASTE_DIMENSIONS);
        double accept = hidden >= HIDDEN_ACCEPT_ALL ? 1 : Math.exp(HIDDEN_PULL * (hidden - HIDDEN_ACCEPT_ALL));
        return genreSum / cdf[cdf.length - 1] * popularity * accept;
    }

    /** Per-user counts summing exactly to the spec's total, each at least a floor and at most half the catalog. */
    static int[] userRatingCounts(SyntheticSpec spec, SplittableRandom random) {
        int n = spec.users();
        long total = spec.ratings();
        int max = Math.max(1, spec.movies() / 2);
        int min = (int) Math.max(1, Math.min(20, total / n / 2));
        double[] raw = new double[n];
        double sum = 0;
        for (int u = 0; u < n; u++) {
            raw[u] = Math.exp(random.nextGaussian() * 0.9);
            sum += raw[u];
        }
        int[] counts = new int[n];
        long assigned = 0;
        for (int u = 0; u < n; u++) {
            counts[u] = (int) Math.max(min, Math.min(max, Math.round(raw[u] / sum * total)));
            assigned += counts[u];
        }
        // move the rounding and clamping difference one rating at a time onto random users with room
        while (assigned != total) {
            int u = random.nextInt(n);
            if (assigned < total && counts[u] < max) {
                counts[u]++;
                assigned++;
            } else if (assigned > total && counts[u] > min) {
                counts[u]--;
                assigned--;
            }
        }
        return counts;
    }

    private static long mix(long seed, int user) {
        long z = seed * 0x9E3779B97F4A7C15L + user + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int year(SplittableRandom random) {
        // skewed towards recent years, like the MovieLens catalog
        return 2023 - (int) Math.min(100, Math.floor(-Math.log(1 - random.nextDouble()) * 18));
    }

    private static String title(SplittableRandom random) {
        String adj = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
        String noun = NOUNS[random.nextInt(NOUNS.length)];
        String noun2 = NOUNS[random.nextInt(NOUNS.length)];
        String place = PLACES[random.nextInt(PLACES.length)];
        String name = NAMES[random.nextInt(NAMES.length)];
        String name2 = NAMES[random.nextInt(NAMES.length)];
        return switch (random.nextInt(10)) {
            case 0, 1 -> "The " + adj + " " + noun;
            case 2 -> noun + " of " + place;
            case 3 -> adj + " " + noun + "s";
            case 4 -> name + ", " + name2 + " and the " + noun;
            case 5 -> "Return to " + place;
            case 6 -> adj + " " + noun + ", The";
            case 7 -> "The " + noun + " of " + noun2 + "s";
            case 8 -> name + "'s " + adj + " " + noun;
            default -> "A " + noun + " in " + place;
        };
    }

    private static int[] pickGenres(SplittableRandom random) {
        int count = 1 + (random.nextDouble() < 0.5 ? 1 : 0) + (random.nextDouble() < 0.2 ? 1 : 0);
        double[] cdf = cumulative(GENRE_WEIGHTS);
        int[] picked = new int[count];
        int n = 0;
        while (n < count) {
            int g = sampleCdf(cdf, random);
            boolean dup = false;
            for (int i = 0; i < n; i++) {
                dup |= picked[i] == g;
            }
            if (!dup) {
                picked[n++] = g;
            }
        }
        Arrays.sort(picked);
        return picked;
    }

    private static String joinGenres(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int g : ids) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(GENRES[g]);
        }
        return sb.toString();
    }

    private static double[] gaussianVector(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    static double[] cumulative(double[] weights) {
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum;
        }
        return cdf;
    }

    static int sampleCdf(double[] cdf, SplittableRandom random) {
        double x = random.nextDouble() * cdf[cdf.length - 1];
        int pos = Arrays.binarySearch(cdf, x);
        pos = pos >= 0 ? pos + 1 : -pos - 1;
        return Math.min(pos, cdf.length - 1);
    }

    /** Movies of each genre with cumulative popularity, to draw a user's movies without scanning the catalog. */
    private static final class GenrePools {
        private final int[][] movies;
        private final double[][] cdf;
        private final double[] allCdf;
        /** Per-thread marks of the movies the current user already has: taken[m] == the user's stamp. */
        private final ThreadLocal<int[]> takenStamps;
        private final ThreadLocal<int[]> stamps = ThreadLocal.withInitial(() -> new int[1]);

        GenrePools(int[][] movieGenres, double[] popularity) {
            int nGenres = GENRES.length;
            int[] sizes = new int[nGenres];
            for (int[] gs : movieGenres) {
                for (int g : gs) {
                    sizes[g]++;
                }
            }
            movies = new int[nGenres][];
            cdf = new double[nGenres][];
            for (int g = 0; g < nGenres; g++) {
                movies[g] = new int[sizes[g]];
            }
            int[] fill = new int[nGenres];
            for (int m = 0; m < movieGenres.length; m++) {
                for (int g : movieGenres[m]) {
                    movies[g][fill[g]++] = m;
                }
            }
            for (int g = 0; g < nGenres; g++) {
                double[] w = new double[movies[g].length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = popularity[movies[g][i]];
                }
                cdf[g] = cumulative(w);
            }
            allCdf = cumulative(popularity);
            takenStamps = ThreadLocal.withInitial(() -> new int[movieGenres.length]);
        }

        /**
         * Draws {@code count} distinct movies: mostly from the user's favourite genres, by popularity,
         * kept more often when they match the user's hidden taste.
         */
        int[] sample(SplittableRandom random, int count, double[] genreChoiceCdf, double[] taste,
                     double[][] movieTaste) {
            int[] out = new int[count];
            int[] taken = takenStamps.get();
            int stamp = ++stamps.get()[0];
            int n = 0;
            long attempts = 0;
            while (n < count) {
                int m;
                if (attempts++ < 100L * count) {
                    int g = sampleCdf(genreChoiceCdf, random);
                    if (movies[g].length == 0) {
                        continue;
                    }
                    m = movies[g][sampleCdf(cdf[g], random)];
                    double hidden = 0;
                    for (int d = 0; d < taste.length; d++) {
                        hidden += taste[d] * movieTaste[m][d];
                    }
                    hidden /= Math.sqrt(taste.length);
                    if (hidden < HIDDEN_ACCEPT_ALL
                            && random.nextDouble() >= Math.exp(HIDDEN_PULL * (hidden - HIDDEN_ACCEPT_ALL))) {
                        continue;
                    }
                } else {
                    // a heavy user exhausted their genres: fall back to the whole catalog
                    m = attempts > 300L * count ? random.nextInt(allCdf.length) : sampleCdf(allCdf, random);
                }
                if (taken[m] != stamp) {
                    taken[m] = stamp;
                    out[n++] = m;
                }
            }
            return out;
        }
    }
}
