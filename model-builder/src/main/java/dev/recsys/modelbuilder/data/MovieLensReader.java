package dev.recsys.modelbuilder.data;

import dev.recsys.modelrepository.Csv;
import dev.recsys.modelrepository.FloatList;
import dev.recsys.modelrepository.IntList;
import dev.recsys.modelrepository.ItemTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads MovieLens {@code movies.csv} and {@code ratings.csv} (ml-latest-small, ml-25m format). */
public final class MovieLensReader {

    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

    private MovieLensReader() {
    }

    /** Reads {@code dir/movies.csv} and {@code dir/ratings.csv}; ratings of movies missing from the catalog are skipped. */
    public static Dataset read(Path dir, PrintStream log) throws IOException {
        Path moviesFile = dir.resolve("movies.csv");
        Path ratingsFile = dir.resolve("ratings.csv");
        for (Path f : List.of(moviesFile, ratingsFile)) {
            if (!Files.isRegularFile(f)) {
                throw new IOException("missing " + f + " (a MovieLens directory holds movies.csv and ratings.csv)");
            }
        }
        IntList movieIds = new IntList();
        List<String> titles = new ArrayList<>();
        List<String> genres = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(moviesFile, StandardCharsets.UTF_8)) {
            expectHeader(moviesFile, r.readLine(), "movieId,title,genres");
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.parseLine(line);
                if (f.size() != 3) {
                    throw new IOException(moviesFile + ":" + lineNo + ": expected 3 fields, got " + f.size());
                }
                movieIds.add(parseInt(f.get(0), moviesFile, lineNo));
                titles.add(f.get(1).strip());
                genres.add(f.get(2).strip());
            }
        }
        int[] ids = movieIds.toArray();
        Map<Integer, Integer> known = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (known.put(ids[i], i) != null) {
                throw new IOException(moviesFile + ": duplicate movieId " + ids[i]);
            }
        }
        int[] years = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            years[i] = yearOf(titles.get(i));
        }

        IntList users = new IntList();
        IntList movies = new IntList();
        FloatList ratings = new FloatList();
        LongList timestamps = new LongList();
        long skipped = 0;
        try (BufferedReader r = Files.newBufferedReader(ratingsFile, StandardCharsets.UTF_8)) {
            expectHeader(ratingsFile, r.readLine(), "userId,movieId,rating,timestamp");
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int c1 = line.indexOf(',');
                int c2 = line.indexOf(',', c1 + 1);
                int c3 = line.indexOf(',', c2 + 1);
                if (c1 < 0 || c2 < 0 || c3 < 0) {
                    throw new IOException(ratingsFile + ":" + lineNo + ": expected 4 fields");
                }
                int movieId = parseInt(line.substring(c1 + 1, c2), ratingsFile, lineNo);
                if (!known.containsKey(movieId)) {
                    skipped++;
                    continue;
                }
                float rating;
                try {
                    rating = Float.parseFloat(line.substring(c2 + 1, c3));
                    timestamps.add(Long.parseLong(line.substring(c3 + 1).strip()));
                } catch (NumberFormatException e) {
                    throw new IOException(ratingsFile + ":" + lineNo + ": " + e.getMessage(), e);
                }
                if (!(rating >= 0.5f && rating <= 5f)) {
                    throw new IOException(ratingsFile + ":" + lineNo + ": rating " + rating + " outside 0.5..5");
                }
                users.add(parseInt(line.substring(0, c1), ratingsFile, lineNo));
                movies.add(movieId);
                ratings.add(rating);
            }
        }
        if (skipped > 0 && log != null) {
            log.printf("[data] skipped %d ratings of movies missing from movies.csv%n", skipped);
        }
        String[] titleArray = titles.toArray(new String[0]);
        String[] genreArray = genres.toArray(new String[0]);
        int[] u = users.toArray();
        int[] m = movies.toArray();
        float[] rt = ratings.toArray();
        long[] ts = timestamps.toArray();
        return new Dataset(dir.toAbsolutePath().normalize().toString(), ids, titleArray, genreArray, years, u, m, rt, ts,
                DataHash.of(ids, titleArray, genreArray, u, m, rt, ts));
    }

    /** The year in a MovieLens title such as {@code Heat (1995)}, or {@link ItemTable#UNKNOWN_YEAR}. */
    public static int yearOf(String title) {
        Matcher m = YEAR.matcher(title);
        return m.find() ? Integer.parseInt(m.group(1)) : ItemTable.UNKNOWN_YEAR;
    }

    private static void expectHeader(Path file, String header, String expected) throws IOException {
        if (header == null || !header.strip().replace("\uFEFF", "").equals(expected)) {
            throw new IOException(file + ": expected header '" + expected + "', got '" + header + "'");
        }
    }

    private static int parseInt(String s, Path file, int lineNo) throws IOException {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": not an integer: '" + s + "'", e);
        }
    }

    /** A growable long array. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
