package dev.recsys.modelbuilder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedTitlesGenresAndYears() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
                11,"American President, The (1995)",Comedy|Drama|Romance
                29,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama|Fantasy|Mystery|Sci-Fi
                140,"Up Close & Personal ""Director's Cut"" (1996)",Drama|Romance
                171827,Untitled,(no genres listed)
                """);
        Files.writeString(dir.resolve("ratings.csv"), """
                userId,movieId,rating,timestamp
                1,1,4.0,964982703
                1,11,3.5,964981247
                2,29,5.0,1445714835
                2,999,2.0,1445714836
                3,171827,0.5,1445714900
                """);
        Dataset d = MovieLensReader.read(dir, null);
        assertEquals(5, d.movieCount());
        assertEquals("American President, The (1995)", d.titles()[1]);
        assertEquals("City of Lost Children, The (Cité des enfants perdus, La) (1995)", d.titles()[2]);
        assertEquals("Up Close & Personal \"Director's Cut\" (1996)", d.titles()[3]);
        assertEquals("Adventure|Drama|Fantasy|Mystery|Sci-Fi", d.genres()[2]);
        assertArrayEquals(new int[] {1995, 1995, 1995, 1996, 0}, d.years());
        // the rating of unknown movie 999 is skipped
        assertEquals(4, d.ratingCount());
        assertArrayEquals(new int[] {1, 1, 2, 3}, d.userIds());
        assertArrayEquals(new int[] {1, 11, 29, 171827}, d.ratingMovieIds());
        assertArrayEquals(new float[] {4f, 3.5f, 5f, 0.5f}, d.ratings());
        assertEquals(1445714835L, d.timestamps()[2]);
    }

    @Test
    void writtenSyntheticDataReadsBackWithTheSameHash() throws IOException {
        Dataset generated = SyntheticDataGenerator.generate(new SyntheticSpec(100, 150, 3_000, 5));
        MovieLensWriter.write(generated, dir);
        Dataset read = MovieLensReader.read(dir, null);
        assertEquals(generated.sha256(), read.sha256());
        assertArrayEquals(generated.titles(), read.titles());
        assertTrue(java.util.Arrays.stream(read.titles()).anyMatch(t -> t.contains(",")),
                "some synthetic titles carry commas, so quoting is exercised");
    }

    @Test
    void reportsMissingFilesAndBadRows() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> MovieLensReader.read(dir, null));
        assertTrue(missing.getMessage().contains("movies.csv"), missing.getMessage());
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),Drama\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,7.0,5\n");
        IOException bad = assertThrows(IOException.class, () -> MovieLensReader.read(dir, null));
        assertTrue(bad.getMessage().contains("ratings.csv:2"), bad.getMessage());
    }
}
