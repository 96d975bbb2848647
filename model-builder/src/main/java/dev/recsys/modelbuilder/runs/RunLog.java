package dev.recsys.modelbuilder.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.modelrepository.ModelCard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run history of a model, one JSON object per line, so runs can be compared over time. */
public final class RunLog {

    public static final String FILE_NAME = "runs.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public RunLog(Path repository, String model) {
        this.file = repository.resolve(model).resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Appends one line; a single write of a short line, so concurrent builds do not interleave. */
    public void append(RunRecord run) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] line = (JSON.writeValueAsString(run) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Every run in file order; an unreadable line is reported as an error. */
    public List<RunRecord> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RunRecord> runs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    try {
                        runs.add(JSON.readValue(line, RunRecord.class));
                    } catch (IOException e) {
                        throw new IOException(file + ":" + lineNo + ": not a run record: " + e.getMessage(), e);
                    }
                }
            }
        }
        return runs;
    }

    /** Prints the runs as a table, oldest first. */
    public static void printTable(List<RunRecord> runs, PrintStream out) {
        String format = "%-20s %4s %7s %4s %5s %7s %6s %6s %6s %6s %7s %8s %8s %6s %6s %8s %-12s%n";
        out.printf(Locale.ROOT, format, "timestamp", "ver", "ratings", "fac", "iter", "lambda", "rmse", "mae",
                "p@10", "r@10", "ndcg@10", "pop.ndcg", "coverage", "ild", "gini", "seconds", "data");
        for (RunRecord r : runs) {
            ModelCard.BeyondAccuracy b = r.beyondAccuracy();
            out.printf(Locale.ROOT, format, r.timestamp().replaceFirst("\\.\\d+Z$", "Z"), r.version(),
                    compact(r.ratings()), r.parameters().factors(), r.parameters().iterations(),
                    String.format(Locale.ROOT, "%.3g", r.parameters().regularization()),
                    f4(r.metrics().rmse()), f4(r.metrics().mae()), f4(r.metrics().precisionAt10()),
                    f4(r.metrics().recallAt10()), f4(r.metrics().ndcgAt10()), f4(r.baseline().ndcgAt10()),
                    b == null ? "" : f4(b.catalogCoverage()), b == null ? "" : f4(b.intraListDiversity()),
                    b == null ? "" : f4(b.popularityGini()),
                    String.format(Locale.ROOT, "%.1f", r.durationSeconds()),
                    r.dataSha256() == null ? "" : r.dataSha256().substring(0, 12));
        }
        if (runs.isEmpty()) {
            out.println("(no runs yet)");
        }
    }

    private static String f4(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String compact(long n) {
        return n >= 1_000_000 ? (n / 1_000_000) + "M" : n >= 10_000 ? (n / 1_000) + "k" : Long.toString(n);
    }
}
