package dev.recsys.modelbuilder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBuilderCommandTest {

    @TempDir
    Path dir;

    private static String run(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, ModelBuilderCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildsThenListsRuns() throws IOException {
        String repo = dir.resolve("models").toString();
        String out = run("--repository", repo, "--model", "cli", "--users", "120", "--movies", "200", "--ratings",
                "4000", "--factors", "4", "--iterations", "2", "--threads", "1");
        assertTrue(out.contains("[train] iteration  2/2"), out);
        assertTrue(out.contains("popularity"), out);
        assertTrue(out.contains("output      " + dir.resolve("models/cli/1").toAbsolutePath()), out);
        assertTrue(Files.exists(dir.resolve("models/cli/1/model.onnx")));

        String runs = run("--repository", repo, "--model", "cli", "--runs");
        String[] lines = runs.strip().split("\n");
        assertEquals(3, lines.length, runs);
        assertTrue(lines[1].contains("ndcg@10") && lines[1].contains("coverage"), runs);
        assertTrue(lines[2].matches(".*Z\\s+1\\s+4000\\s+4\\s+2\\s.*"), lines[2]);
    }

    @Test
    void writesSyntheticMovieLensFiles() throws IOException {
        run("--write-data", dir.resolve("data").toString(), "--users", "50", "--movies", "80", "--ratings", "1000");
        assertEquals(1001, Files.readAllLines(dir.resolve("data/ratings.csv")).size());
        assertEquals("movieId,title,genres", Files.readAllLines(dir.resolve("data/movies.csv")).get(0));
    }

    @Test
    void badArgumentsNameTheOption() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> run("--repository", dir.toString(), "--factor", "8"));
        assertTrue(typo.getMessage().contains("--factor"), typo.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> run("--repository", dir.toString(), "--iterations", "many"));
        assertTrue(notNumber.getMessage().contains("--iterations"), notNumber.getMessage());
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> run("--repository", dir.toString(), "--scale", "huge"));
        assertTrue(scale.getMessage().contains("huge"), scale.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run("--model", "x"));
    }

    @Test
    void damagesTheLatestVersionAndRemovesItAgain() throws IOException {
        String repo = dir.resolve("models").toString();
        run("--repository", repo, "--model", "cli", "--users", "120", "--movies", "200", "--ratings", "4000",
                "--factors", "4", "--iterations", "2", "--threads", "1", "--reference-samples", "500");
        String damaged = run("--repository", repo, "--model", "cli", "--damage", "latest");
        assertTrue(damaged.contains("written as version 2"), damaged);
        assertTrue(Files.exists(dir.resolve("models/cli/2/model-card.json")));
        IllegalArgumentException real = assertThrows(IllegalArgumentException.class,
                () -> run("--repository", repo, "--model", "cli", "--remove-version", "1"));
        assertTrue(real.getMessage().contains("not a damaged copy"), real.getMessage());
        run("--repository", repo, "--model", "cli", "--remove-version", "2");
        assertTrue(Files.notExists(dir.resolve("models/cli/2")));
        assertTrue(Files.exists(dir.resolve("models/cli/1/model-card.json")));
    }

    @Test
    void badSimulatorArgumentsNameTheOption() {
        String repo = dir.toString();
        for (String[] bad : new String[][] {
            {"--scenario", "chaos", "--scenario"},
            {"--duration", "soon", "--duration"},
            {"--users", "0", "--users"},
            {"--drift-changes", "weather", "--drift-changes"},
            {"--recommender", "localhost", "--recommender"},
            {"--drift-at", "10m", "--drift-at"},
            {"--cold-share", "1.5", "--cold-share"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run("simulate", "--repository", repo, bad[0], bad[1]));
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class,
                () -> run("simulate", "--repository", repo, "--scenario", "degrade", "--admin-token", ""));
        assertTrue(token.getMessage().contains("ADMIN_TOKEN"), token.getMessage());
        assertTrue(SimulateCommand.parseDuration("d", "2m").toSeconds() == 120);
        assertTrue(SimulateCommand.parseDuration("d", "90").toSeconds() == 90);
    }
}
