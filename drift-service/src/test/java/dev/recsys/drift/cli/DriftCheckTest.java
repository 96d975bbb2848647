package dev.recsys.drift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line drift check on small CSV files: exit status, table, report file, messages on bad input. */
class DriftCheckTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void sameDistributionExitsZeroPrintsEveryFeatureAndWritesTheReport() throws IOException {
        Path ref = csv("ref.csv", 400, 1, 0.0, false);
        Path cur = csv("cur.csv", 300, 2, 0.0, false);

        assertEquals(DriftCheck.NO_DRIFT, run("--reference", ref.toString(), "--current", cur.toString(),
                "--report-dir", dir.resolve("reports").toString()));

        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("age ") && l.contains("ks") && l.endsWith("no drift")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("genre ") && l.contains("categorical")), table);
        assertTrue(table.contains("dataset: no drift (0 of 2 features drifted"), table);
        Path report = dir.resolve("reports/drift-20261203-081530.html");
        assertTrue(table.contains("report: " + report), table);
        String html = Files.readString(report);
        assertTrue(html.contains("<h1>Drift report: cur.csv vs ref.csv</h1>") && html.contains("href=\"#f-age\"")
                && html.contains("<svg") && !html.contains("<th>Window</th>"), html);
    }

    @Test
    void shiftedDataExitsOneAndNamesTheDriftedFeatures() throws IOException {
        Path ref = csv("ref.csv", 400, 1, 0.0, false);
        Path cur = csv("cur.csv", 300, 2, 15.0, true);

        assertEquals(DriftCheck.DRIFT, run("--reference", ref.toString(), "--current", cur.toString(),
                "--report-dir", dir.toString()));

        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("age ") && l.endsWith("DRIFT")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("genre ") && l.endsWith("DRIFT")), table);
        assertTrue(table.contains("dataset: DRIFT (2 of 2 features drifted"), table);
    }

    @Test
    void featuresMethodThresholdAndDriftShareChangeTheVerdict() throws IOException {
        Path ref = csv("ref.csv", 400, 1, 0.0, false);
        Path cur = csv("cur.csv", 300, 2, 15.0, false);

        // only genre is checked, and it did not move
        assertEquals(DriftCheck.NO_DRIFT, run("--reference", ref.toString(), "--current", cur.toString(),
                "--features", "genre", "--report-dir", dir.toString()));
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("age "));

        out.reset();
        // age with psi and a threshold no shift reaches: nothing drifts
        assertEquals(DriftCheck.NO_DRIFT, run("--reference", ref.toString(), "--current", cur.toString(),
                "--features=age", "--method=psi", "--threshold=1000", "--report-dir", dir.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("age ") && l.contains("psi")
                && l.contains("1000") && l.endsWith("no drift")), out.toString(StandardCharsets.UTF_8));

        out.reset();
        // one of two features drifted: dataset drift at share 0.5 (the default), not at 0.6
        assertEquals(DriftCheck.DRIFT, run("--reference", ref.toString(), "--current", cur.toString(),
                "--report-dir", dir.toString()));
        assertEquals(DriftCheck.NO_DRIFT, run("--reference", ref.toString(), "--current", cur.toString(),
                "--drift-share", "0.6", "--report-dir", dir.toString()));
    }

    @Test
    void badInputExitsTwoWithAMessageNamingTheProblem() throws IOException {
        Path ref = csv("ref.csv", 50, 1, 0.0, false);
        Path cur = csv("cur.csv", 50, 2, 0.0, false);
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "age,genre\n1,Drama\n2\n");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path other = Files.writeString(dir.resolve("other.csv"), "height\n1\n2\n");
        String reports = dir.resolve("reports").toString();

        assertBadInput("--reference and --current are required", "--reference", ref.toString());
        assertBadInput("missing.csv: cannot be read", "--reference", dir.resolve("missing.csv").toString(),
                "--current", cur.toString());
        assertBadInput("ragged.csv: row 3: has 1 cells, header has 2", "--reference", ref.toString(),
                "--current", ragged.toString());
        assertBadInput("empty.csv: body: CSV needs a header row", "--reference", empty.toString(),
                "--current", cur.toString());
        assertBadInput("feature 'age' is not a column of " + other, "--reference", ref.toString(),
                "--current", other.toString(), "--report-dir", reports);
        assertBadInput("feature 'height' is not a column of " + ref, "--reference", ref.toString(),
                "--current", cur.toString(), "--features", "height");
        assertBadInput("--method: unknown method 'tvd'", "--reference", ref.toString(), "--current", cur.toString(),
                "--method", "tvd");
        assertBadInput("--threshold: must be a number ≥ 0, got '-1'", "--reference", ref.toString(),
                "--current", cur.toString(), "--threshold", "-1");
        assertBadInput("--drift-share: must be a number in (0, 1], got '2'", "--reference", ref.toString(),
                "--current", cur.toString(), "--drift-share", "2");
        assertBadInput("features.genre.method: method 'ks' needs numbers", "--reference", ref.toString(),
                "--current", cur.toString(), "--method", "ks", "--report-dir", reports);
        assertBadInput("unknown option --verbose", "--verbose", "yes");
        assertTrue(Files.notExists(dir.resolve("reports")), "no report on bad input");
    }

    private void assertBadInput(String expected, String... args) {
        err.reset();
        assertEquals(DriftCheck.BAD_INPUT, run(args), String.join(" ", args));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("drift-check: ") && message.contains(expected), message);
    }

    private int run(String... args) {
        return new DriftCheck(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK).run(args);
    }

    /** {@code rows} samples of a normal "age" (mean 40 + shift) and a "genre" (a quoted one with a comma). */
    private Path csv(String name, int rows, long seed, double shift, boolean newGenre) throws IOException {
        Random random = new Random(seed);
        String[] genres = {"Drama", "Comedy", "\"Action, Adventure\""};
        List<String> lines = new ArrayList<>(List.of("age,genre"));
        for (int i = 0; i < rows; i++) {
            String genre = newGenre && i % 2 == 0 ? "Documentary" : genres[random.nextInt(genres.length)];
            lines.add(String.format(java.util.Locale.ROOT, "%.2f,%s", 40 + shift + 8 * random.nextGaussian(), genre));
        }
        lines.add(",Drama"); // a missing age is dropped, not an error
        return Files.write(dir.resolve(name), lines);
    }
}
