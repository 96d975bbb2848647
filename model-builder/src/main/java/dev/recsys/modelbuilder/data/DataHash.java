package dev.recsys.modelbuilder.data;

import dev.recsys.modelrepository.Csv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The data hash of a model card: SHA-256 over the input rows in a canonical form, so the same data
 * gives the same hash whether it was generated or read from files: every movie row
 * {@code movieId,title,genres\n} (title and genres CSV-quoted as needed) in catalog order, then every
 * rating row {@code userId,movieId,rating,timestamp\n} in input order, the rating as Java's
 * {@code Float.toString} writes it ({@code 4.0}, {@code 3.5}).
 */
public final class DataHash {

    private DataHash() {
    }

    public static String of(int[] movieIds, String[] titles, String[] genres, int[] userIds, int[] ratingMovieIds,
                            float[] ratings, long[] timestamps) {
        MessageDigest sha = sha256();
        StringBuilder row = new StringBuilder(64);
        for (int i = 0; i < movieIds.length; i++) {
            row.setLength(0);
            row.append(movieIds[i]).append(',').append(Csv.field(titles[i])).append(',')
                    .append(Csv.field(genres[i])).append('\n');
            sha.update(row.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] buffer = new byte[1 << 16];
        int used = 0;
        for (int i = 0; i < ratings.length; i++) {
            row.setLength(0);
            row.append(userIds[i]).append(',').append(ratingMovieIds[i]).append(',');
            appendRating(row, ratings[i]);
            row.append(',').append(timestamps[i]).append('\n');
            if (used + row.length() > buffer.length) {
                sha.update(buffer, 0, used);
                used = 0;
            }
            // rating rows are ASCII, one byte per char
            for (int c = 0; c < row.length(); c++) {
                buffer[used++] = (byte) row.charAt(c);
            }
        }
        sha.update(buffer, 0, used);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** As {@code Float.toString}, without its cost for the usual half-star values. */
    private static void appendRating(StringBuilder row, float rating) {
        float twice = rating * 2;
        if (twice >= 0 && twice <= 20 && twice == (int) twice) {
            int t = (int) twice;
            row.append(t / 2).append((t & 1) == 0 ? ".0" : ".5");
        } else {
            row.append(rating);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
