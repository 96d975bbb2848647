import dev.recsys.drift.engine.Column;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftMethod;
import dev.recsys.drift.engine.FeatureResult;
import dev.recsys.drift.engine.FeatureSpec;
import dev.recsys.drift.engine.PreparedReference;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times the drift engine on n normal doubles per sample (reference N(0,1), current N(0.05,1)).
 * Every timed run starts from the unsorted arrays (a fresh PreparedReference, so the reference
 * is sorted again); "-cached" lines time a current window against an already prepared reference.
 * Prints: bench method=<m> n=<n> ms=<median wall ms>, and cpu method=<m> n=<n> ms=<mean process CPU ms
 * per run> (CPU time of all JVM threads, which a busy shared machine does not inflate).
 */
public final class StatsBench {

    public static void main(String[] args) {
        int runs = Integer.parseInt(System.getProperty("bench.runs", "7"));
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        DriftEngine engine = new DriftEngine();
        for (int n : sizes) {
            Random random = new Random(42 + n);
            double[] reference = new double[n];
            double[] current = new double[n];
            for (int i = 0; i < n; i++) {
                reference[i] = random.nextGaussian();
                current[i] = random.nextGaussian() + 0.05;
            }
            for (DriftMethod method : new DriftMethod[] {DriftMethod.KS, DriftMethod.WASSERSTEIN, DriftMethod.PSI}) {
                FeatureSpec spec = new FeatureSpec(method, null, null);
                double[] ms = median(runs, n, () -> engine.evaluate("x",
                        PreparedReference.of(new Column.Numbers(reference)), new Column.Numbers(current), spec));
                print(method.id(), n, ms);
            }
            PreparedReference cached = PreparedReference.of(new Column.Numbers(reference));
            FeatureSpec ks = new FeatureSpec(DriftMethod.KS, null, null);
            print("ks-cached", n, median(runs, n, () -> engine.evaluate("x", cached, new Column.Numbers(current), ks)));
        }
    }

    private static void print(String method, int n, double[] wallAndCpu) {
        System.out.printf(Locale.ROOT, "bench method=%s n=%d ms=%.3f%n", method, n, wallAndCpu[0]);
        System.out.printf(Locale.ROOT, "cpu method=%s n=%d ms=%.3f%n", method, n, wallAndCpu[1]);
    }

    /** Median wall-clock milliseconds and mean process-CPU milliseconds of the timed runs. */
    private static double[] median(int runs, int n, java.util.function.Supplier<FeatureResult> task) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // enough warm-up for the JIT to finish compiling the kernels before the first timed run
        int warmups = Math.max(5, 2_000_000 / n);
        double sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += task.get().statistic();
        }
        double[] ms = new double[runs];
        // process CPU time has a coarse clock: measured over all timed runs together
        int cpuRuns = Math.max(runs, 1_000_000 / n * runs);
        long cpuStart = os.getProcessCpuTime();
        for (int i = 0; i < cpuRuns; i++) {
            sink += task.get().statistic();
        }
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e6 / cpuRuns;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink += task.get().statistic();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        if (Double.isNaN(sink)) {
            System.out.println("unexpected NaN statistic");
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], cpu};
    }
}
