package dev.recsys.modelrepository;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The item index map and catalog ({@code items.csv}) held as parallel arrays indexed by item index.
 * Genres are also kept as ids into {@link #genreNames()}, which is sorted alphabetically.
 */
public final class ItemTable {

    public static final String HEADER = "index,movieId,title,genres,year,ratingCount,meanRating,popularity";
    /** MovieLens writes this instead of an empty genre list. */
    public static final String NO_GENRES = "(no genres listed)";
    /** {@link #year(int)} of a movie whose year is unknown. */
    public static final int UNKNOWN_YEAR = 0;

    private final int[] movieIds;
    private final String[] titles;
    private final String[] genres;
    private final int[] years;
    private final int[] ratingCounts;
    private final float[] meanRatings;
    private final float[] popularity;
    private final String[] genreNames;
    private final int[][] genreIds;
    private final IdIndex index;

    /** Arrays are taken over, not copied. */
    public ItemTable(int[] movieIds, String[] titles, String[] genres, int[] years, int[] ratingCounts,
                     float[] meanRatings, float[] popularity) {
        int n = movieIds.length;
        if (titles.length != n || genres.length != n || years.length != n || ratingCounts.length != n
                || meanRatings.length != n || popularity.length != n) {
            throw new IllegalArgumentException("item arrays differ in length");
        }
        this.movieIds = movieIds;
        this.titles = titles;
        this.genres = genres;
        this.years = years;
        this.ratingCounts = ratingCounts;
        this.meanRatings = meanRatings;
        this.popularity = popularity;
        TreeSet<String> names = new TreeSet<>();
        for (String g : genres) {
            names.addAll(splitGenres(g));
        }
        this.genreNames = names.toArray(new String[0]);
        this.genreIds = new int[n][];
        for (int i = 0; i < n; i++) {
            List<String> list = splitGenres(genres[i]);
            int[] ids = new int[list.size()];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = Arrays.binarySearch(genreNames, list.get(j));
            }
            genreIds[i] = ids;
        }
        this.index = new IdIndex(movieIds);
    }

    /** Splits a {@code |}-separated genre field; empty and {@value #NO_GENRES} give no genres. */
    public static List<String> splitGenres(String field) {
        if (field == null || field.isEmpty() || field.equals(NO_GENRES)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(3);
        for (String g : field.split("\\|")) {
            if (!g.isEmpty() && !out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    public int size() {
        return movieIds.length;
    }

    /** Item index of a movie id, or -1 when the model does not know it. */
    public int indexOf(int movieId) {
        return index.indexOf(movieId);
    }

    public int movieId(int item) {
        return movieIds[item];
    }

    public String title(int item) {
        return titles[item];
    }

    /** The raw {@code |}-separated genre field. */
    public String genres(int item) {
        return genres[item];
    }

    public List<String> genreList(int item) {
        int[] ids = genreIds[item];
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(genreNames[id]);
        }
        return out;
    }

    /** Ids into {@link #genreNames()} of the item's genres; do not modify. */
    public int[] genreIds(int item) {
        return genreIds[item];
    }

    /** Every genre in the catalog, sorted alphabetically; do not modify. */
    public String[] genreNames() {
        return genreNames;
    }

    /** Release year, or {@link #UNKNOWN_YEAR}. */
    public int year(int item) {
        return years[item];
    }

    public int ratingCount(int item) {
        return ratingCounts[item];
    }

    /** Mean training rating; NaN when the item has no training ratings. */
    public float meanRating(int item) {
        return meanRatings[item];
    }

    /** Training rating count / largest training rating count, in 0..1. */
    public float popularity(int item) {
        return popularity[item];
    }

    /** The popularity column; do not modify. */
    public float[] popularityArray() {
        return popularity;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < size(); i++) {
                line.setLength(0);
                line.append(i).append(',').append(movieIds[i]).append(',').append(Csv.field(titles[i]))
                        .append(',').append(Csv.field(genres[i])).append(',');
                if (years[i] != UNKNOWN_YEAR) {
                    line.append(years[i]);
                }
                line.append(',').append(ratingCounts[i]).append(',');
                if (!Float.isNaN(meanRatings[i])) {
                    line.append(String.format(Locale.ROOT, "%.4f", meanRatings[i]));
                }
                line.append(',').append(String.format(Locale.ROOT, "%.6f", popularity[i])).append('\n');
                w.write(line.toString());
            }
        }
    }

    public static ItemTable read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IOException(file + ": expected header '" + HEADER + "'");
            }
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.parseLine(line);
                if (f.size() != 8) {
                    throw new IOException(file + ": expected 8 fields in line " + (rows.size() + 2));
                }
                if (Integer.parseInt(f.get(0)) != rows.size()) {
                    throw new IOException(file + ": index out of order at line " + (rows.size() + 2));
                }
                rows.add(f.toArray(new String[0]));
            }
            int n = rows.size();
            int[] movieIds = new int[n];
            String[] titles = new String[n];
            String[] genres = new String[n];
            int[] years = new int[n];
            int[] counts = new int[n];
            float[] means = new float[n];
            float[] pop = new float[n];
            for (int i = 0; i < n; i++) {
                String[] f = rows.get(i);
                movieIds[i] = Integer.parseInt(f[1]);
                titles[i] = f[2];
                genres[i] = f[3];
                years[i] = f[4].isEmpty() ? UNKNOWN_YEAR : Integer.parseInt(f[4]);
                counts[i] = Integer.parseInt(f[5]);
                means[i] = f[6].isEmpty() ? Float.NaN : Float.parseFloat(f[6]);
                pop[i] = Float.parseFloat(f[7]);
            }
            return new ItemTable(movieIds, titles, genres, years, counts, means, pop);
        }
    }
}
