package dev.recsys.drift.cli;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftInputException;
import dev.recsys.drift.engine.DriftMethod;
import dev.recsys.drift.engine.DriftResult;
import dev.recsys.drift.engine.FeatureInput;
import dev.recsys.drift.engine.FeatureResult;
import dev.recsys.drift.engine.FeatureSpec;
import dev.recsys.drift.monitor.reference.CsvReference;
import dev.recsys.drift.monitor.reference.InvalidReferenceException;
import dev.recsys.drift.monitor.reference.ReferenceParser;
import dev.recsys.drift.monitor.report.FeatureHistogram;
import dev.recsys.drift.monitor.report.ReportRenderer;
import dev.recsys.drift.monitor.service.EvaluationResult;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import dev.recsys.drift.monitor.service.StoredEvaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make drift-check}: compares a current CSV sample with a reference CSV with the service's
 * drift engine, prints a per-feature table, writes the service's HTML report to
 * {@code <report-dir>/drift-<time>.html}, and exits 1 on dataset drift, 0 without, 2 on bad input.
 * No service, Redis or database is needed (docs/operations.md "Drift check from the command line").
 */
public final class DriftCheck {

    public static final int NO_DRIFT = 0;
    public static final int DRIFT = 1;
    public static final int BAD_INPUT = 2;

    static final String USAGE = """
            usage: drift-check --reference ref.csv --current cur.csv [--features a,b] [--method ks]
                               [--threshold 0.05] [--drift-share 0.5] [--report-dir reports]
              CSV: a header row of feature names, one row per sample; number cells are numbers,
              empty cells missing, anything else a category. Methods: ks, psi, wasserstein,
              jensenshannon, chisquare, z, kl, hellinger (default: chosen per feature, docs/drift-statistics.md).
              Exit status: 0 no dataset drift, 1 dataset drift, 2 bad input.""";

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    DriftCheck(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new DriftCheck(System.out, System.err, Clock.systemUTC()).run(args));
    }

    /** Runs one check; returns the exit status. */
    int run(String[] args) {
        try {
            Options options = Options.parse(args);
            if (options == null) {
                out.println(USAGE);
                return NO_DRIFT;
            }
            return check(options);
        } catch (BadInput e) {
            err.println("drift-check: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int check(Options options) {
        long started = System.nanoTime();
        Map<String, Column> reference = read(options.reference());
        Map<String, Column> current = read(options.current());
        List<String> features = options.features().isEmpty() ? List.copyOf(reference.keySet()) : options.features();
        FeatureSpec spec = new FeatureSpec(options.method(), options.threshold(), null);
        Map<String, FeatureInput> inputs = new LinkedHashMap<>();
        for (String feature : features) {
            Column ref = reference.get(feature);
            Column cur = current.get(feature);
            if (ref == null || cur == null) {
                throw new BadInput("feature '" + feature + "' is not a column of " + (ref == null ? options.reference() : options.current()));
            }
            inputs.put(feature, new FeatureInput(ref, cur, spec));
        }
        DriftResult result;
        try {
            result = new DriftEngine().compare(inputs, options.driftShare(), null);
        } catch (DriftInputException e) {
            throw new BadInput(e.field() + ": " + e.getMessage());
        }
        printTable(result);
        Path report = writeReport(options, reference, inputs, result, started);
        out.println("report: " + report);
        return result.dataset().driftDetected() ? DRIFT : NO_DRIFT;
    }

    private static Map<String, Column> read(Path file) {
        String csv;
        try {
            csv = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInput(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try {
            return ReferenceParser.parse(CsvReference.toDocument(csv));
        } catch (InvalidReferenceException e) {
            throw new BadInput(file + ": " + e.getMessage().replaceFirst("^features\\.", "column "));
        }
    }

    private void printTable(DriftResult result) {
        String format = "%-24s %-12s %-14s %12s %10s %10s  %s%n";
        out.printf(Locale.ROOT, format, "feature", "type", "method", "statistic", "p-value", "threshold", "verdict");
        result.features().forEach((feature, r) -> out.printf(Locale.ROOT, format, feature,
                r.type() == null ? "" : r.type().id(), r.method() == null ? "" : r.method(), number(r.statistic()),
                number(r.pValue()), number(r.threshold()), verdict(r)));
        var dataset = result.dataset();
        out.printf(Locale.ROOT, "dataset: %s (%d of %d features drifted, share %.4g)%n",
                dataset.driftDetected() ? "DRIFT" : "no drift", dataset.driftedFeatures(), dataset.features(), dataset.share());
    }

    private static String verdict(FeatureResult r) {
        return r.isError() ? "error: " + r.error() : r.driftDetected() ? "DRIFT" : "no drift";
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4g", value);
    }

    /** The service's report page; a comparison of two files has no window and no traces. */
    private Path writeReport(Options options, Map<String, Column> reference, Map<String, FeatureInput> inputs,
                             DriftResult result, long started) {
        Map<String, FeatureVerdict> verdicts = new LinkedHashMap<>();
        Map<String, FeatureHistogram> histograms = new LinkedHashMap<>();
        int referenceSamples = 0;
        int currentSamples = 0;
        for (Map.Entry<String, FeatureInput> entry : inputs.entrySet()) {
            FeatureInput input = entry.getValue();
            verdicts.put(entry.getKey(), FeatureVerdict.of(result.features().get(entry.getKey()), null, null));
            if (input.reference().size() > 0 && input.current().size() > 0) {
                histograms.put(entry.getKey(), FeatureHistogram.of(input.reference(), input.current()));
            }
            referenceSamples = Math.max(referenceSamples, input.reference().size());
            currentSamples = Math.max(currentSamples, input.current().size());
        }
        long now = clock.millis();
        EvaluationResult evaluation = new EvaluationResult(
                options.current().getFileName() + " vs " + options.reference().getFileName(), EvaluationResult.OK,
                0, 0, currentSamples, "exact", null,
                new EvaluationResult.ReferenceInfo(options.reference().toString(), null, null, null, null, null, null,
                        referenceSamples),
                verdicts, result.dataset(), null, List.of(), now, (System.nanoTime() - started) / 1e9, null);
        String html = ReportRenderer.render(new StoredEvaluation(evaluation, histograms), "");
        try {
            Files.createDirectories(options.reportDir());
            String name = "drift-" + FILE_TIME.format(clock.instant());
            Path file = options.reportDir().resolve(name + ".html");
            for (int i = 2; Files.exists(file); i++) {
                file = options.reportDir().resolve(name + "-" + i + ".html");
            }
            return Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInput(options.reportDir() + ": cannot write the report (" + e.getMessage() + ")");
        }
    }

    /** Command-line options; {@code null} from {@link #parse} means help was asked for. */
    record Options(Path reference, Path current, List<String> features, DriftMethod method, Double threshold,
                   double driftShare, Path reportDir) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    return null;
                }
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new BadInput(arg + " needs a value\n" + USAGE);
                }
                if (!List.of("--reference", "--current", "--features", "--method", "--threshold", "--drift-share",
                        "--report-dir").contains(name)) {
                    throw new BadInput("unknown option " + name + "\n" + USAGE);
                }
                given.put(name, value);
            }
            String reference = given.get("--reference");
            String current = given.get("--current");
            if (reference == null || reference.isBlank() || current == null || current.isBlank()) {
                throw new BadInput("--reference and --current are required\n" + USAGE);
            }
            List<String> features = new ArrayList<>();
            for (String feature : given.getOrDefault("--features", "").split(",")) {
                if (!feature.isBlank()) {
                    features.add(feature.trim());
                }
            }
            DriftMethod method = null;
            if (given.get("--method") != null && !given.get("--method").isBlank()) {
                method = DriftMethod.fromId(given.get("--method").trim());
                if (method == null) {
                    throw new BadInput("--method: unknown method '" + given.get("--method")
                            + "'; expected one of ks, psi, wasserstein, jensenshannon, chisquare, z, kl, hellinger");
                }
            }
            Double threshold = given.get("--threshold") == null || given.get("--threshold").isBlank() ? null
                    : number("--threshold", given.get("--threshold"), 0, Double.MAX_VALUE, "a number ≥ 0");
            double driftShare = given.get("--drift-share") == null || given.get("--drift-share").isBlank()
                    ? DriftEngine.DEFAULT_DRIFT_SHARE : number("--drift-share", given.get("--drift-share"), Double.MIN_VALUE, 1,
                    "a number in (0, 1]");
            return new Options(Path.of(reference), Path.of(current), features, method, threshold, driftShare,
                    Path.of(given.getOrDefault("--report-dir", "reports")));
        }

        private static double number(String option, String text, double min, double max, String expected) {
            try {
                double value = Double.parseDouble(text.trim());
                if (Double.isFinite(value) && value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new BadInput(option + ": must be " + expected + ", got '" + text + "'");
        }
    }

    /** Input the check cannot use; the message is printed as it is, exit status 2. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}
