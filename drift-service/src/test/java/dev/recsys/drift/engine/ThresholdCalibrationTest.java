package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code threshold: auto} keeps its promise: on stationary windows (reference and window drawn afresh
 * from the same distribution, window larger than the reference, as in the monitor) each calibrated
 * threshold flags a share of windows within a binomial tolerance of α. At α = 0.05 a few thousand
 * windows test the null laws themselves (the χ² constants, the bootstrap and its fitted tail); the far
 * tail at the service's α is measured by {@code make bench-drift-alarms}.
 */
class ThresholdCalibrationTest {

    private static final double ALPHA = 0.05;
    private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f"};
    private static final double[] SHARES = {0.3, 0.25, 0.2, 0.12, 0.08, 0.05};

    private final DriftEngine engine = new DriftEngine();

    @Test
    void twoSampleTestsOnNumbers() {
        assertCalibrated(DriftMethod.KS, 2000, 1000, 3000, ThresholdCalibrationTest::normals);
    }

    @Test
    void twoSampleTestsOnCategories() {
        assertCalibrated(DriftMethod.CHISQUARE_2S, 2000, 2000, 5000, ThresholdCalibrationTest::categories);
        assertCalibrated(DriftMethod.Z, 2000, 2000, 5000, (r, n) -> booleans(r, n));
    }

    @Test
    void divergencesOverCategoriesFollowTheirScaledChiSquareLaw() {
        for (DriftMethod method : new DriftMethod[] {DriftMethod.PSI, DriftMethod.KL, DriftMethod.JENSENSHANNON,
                DriftMethod.HELLINGER}) {
            assertCalibrated(method, 2000, 2000, 5000, ThresholdCalibrationTest::categories);
        }
    }

    @Test
    void numbersByBootstrapWithFittedTail() {
        for (DriftMethod method : new DriftMethod[] {DriftMethod.WASSERSTEIN, DriftMethod.PSI, DriftMethod.KL,
                DriftMethod.JENSENSHANNON, DriftMethod.HELLINGER}) {
            assertCalibrated(method, 400, 300, 600, ThresholdCalibrationTest::normals);
        }
    }

    @Test
    void bootstrapRunsOncePerReferenceMethodAndSizeClass() {
        PreparedReference reference = PreparedReference.of(normals(new SplittableRandom(1), 400));
        FeatureSpec spec = FeatureSpec.auto(DriftMethod.WASSERSTEIN, 1e-5, null);
        double first = engine.evaluate("x", reference, normals(new SplittableRandom(2), 1000), spec).threshold();
        // 1,000 and 1,010 share the size class [2^(39/4), 2^(40/4)) ≈ [861, 1024)
        double second = engine.evaluate("x", reference, normals(new SplittableRandom(3), 1000), spec).threshold();
        assertEquals(first, second, "same size, same cached bootstrap");
        int sizeClass = (int) Math.floor(4 * Math.log(1000) / Math.log(2));
        reference.bootstrap(new PreparedReference.BootstrapKey(DriftMethod.WASSERSTEIN, sizeClass), () -> {
            throw new AssertionError("the bootstrap of this size class was not cached");
        });
        double larger = engine.evaluate("x", reference, normals(new SplittableRandom(4), 1010), spec).threshold();
        assertTrue(larger < first, "a larger window of the same class scales the threshold down: " + larger);
    }

    @Test
    void fittedTailIsEmpiricalAboveTenPercentAndExponentialBeyond() {
        // exponential replicates: the fitted tail recovers the exponential quantile −ln(α)
        double[] sorted = IntStream.range(0, 20_000).mapToDouble(i -> -Math.log(1 - (i + 0.5) / 20_000)).toArray();
        assertEquals(-Math.log(0.2), ThresholdCalibration.upperQuantile(sorted, 0.2), 1e-3);
        assertEquals(-Math.log(1e-5), ThresholdCalibration.upperQuantile(sorted, 1e-5), 0.05);
    }

    private interface Sampler {
        Column draw(SplittableRandom random, int n);
    }

    /** Flags on windows drawn from the reference's own distribution, each trial with a new reference. */
    private void assertCalibrated(DriftMethod method, int trials, int m, int n, Sampler sampler) {
        long alarms = IntStream.range(0, trials).parallel().filter(t -> {
            SplittableRandom random = new SplittableRandom(1_000_003L * t + method.ordinal());
            PreparedReference reference = PreparedReference.of(sampler.draw(random, m));
            return engine.evaluate("x", reference, sampler.draw(random, n), FeatureSpec.auto(method, ALPHA, null))
                    .driftDetected();
        }).count();
        double expected = trials * ALPHA;
        double tolerance = 4 * Math.sqrt(trials * ALPHA * (1 - ALPHA));
        assertTrue(Math.abs(alarms - expected) <= tolerance, method.id() + ": " + alarms + " false alarms in "
                + trials + " stationary windows, expected " + expected + " ± " + tolerance);
    }

    private static Column normals(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return new Column.Numbers(values);
    }

    private static Column categories(SplittableRandom random, int n) {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < SHARES.length - 1 && (u -= SHARES[k]) > 0) {
                k++;
            }
            labels[i] = CATEGORIES[k];
        }
        return new Column.Labels(labels);
    }

    private static Column booleans(SplittableRandom random, int n) {
        String[] labels = new String[n];
        Arrays.setAll(labels, i -> random.nextDouble() < 0.3 ? "true" : "false");
        return new Column.Labels(labels);
    }
}
