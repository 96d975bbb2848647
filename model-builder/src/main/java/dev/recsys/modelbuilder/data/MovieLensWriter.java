package dev.recsys.modelbuilder.data;

import dev.recsys.modelrepository.Csv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a data set as MovieLens {@code movies.csv} and {@code ratings.csv}, e.g. to share synthetic data. */
public final class MovieLensWriter {

    private MovieLensWriter() {
    }

    public static void write(Dataset data, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("movies.csv"), StandardCharsets.UTF_8)) {
            w.write("movieId,title,genres\n");
            for (int i = 0; i < data.movieCount(); i++) {
                w.write(data.movieIds()[i] + "," + Csv.field(data.titles()[i]) + "," + Csv.field(data.genres()[i])
                        + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
            w.write("userId,movieId,rating,timestamp\n");
            StringBuilder line = new StringBuilder(48);
            for (int i = 0; i < data.ratingCount(); i++) {
                line.setLength(0);
                line.append(data.userIds()[i]).append(',').append(data.ratingMovieIds()[i]).append(',')
                        .append(data.ratings()[i]).append(',').append(data.timestamps()[i]).append('\n');
                w.append(line);
            }
        }
    }
}
