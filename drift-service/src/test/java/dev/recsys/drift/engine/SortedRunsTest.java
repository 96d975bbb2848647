package dev.recsys.drift.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A window held as sorted minutes gives the same KS test, bit for bit, from counts at the
 * reference values as the merged sample does: ties with the reference, values below and above
 * its range, -0.0 next to 0.0, empty minutes, whole numbers with many ties, both sizes of the
 * exact/asymptotic p-value rule.
 */
class SortedRunsTest {

    @Test
    void ksFromSortedRunsEqualsKsOfTheMergedSample() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            boolean wholeNumbers = trial % 2 == 0;
            double[] reference = sample(random, 1 + random.nextInt(trial % 5 == 0 ? 20 : 3000), wholeNumbers, 0);
            List<double[]> runs = new ArrayList<>();
            int minutes = 1 + random.nextInt(16);
            double shift = random.nextInt(3) == 0 ? 0 : random.nextGaussian();
            for (int m = 0; m < minutes; m++) {
                double[] run = sample(random, random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(trial % 3 == 0 ? 40 : 2000),
                        wholeNumbers, shift);
                Sorting.sort(run);
                runs.add(run);
            }
            if (runs.stream().allMatch(run -> run.length == 0)) {
                runs.add(new double[] {0.0});
            }
            PreparedReference prepared = PreparedReference.of(new Column.Numbers(reference));
            double[] merged = Sorting.mergeSorted(runs);

            KolmogorovSmirnov.Result expected = KolmogorovSmirnov.test(prepared.sorted(), merged, ExactKsBudget.unlimited());
            KolmogorovSmirnov.Result actual = KolmogorovSmirnov.test(prepared, runs, ExactKsBudget.unlimited());

            assertEquals(expected, actual, "trial " + trial);
            for (FeatureSpec spec : List.of(FeatureSpec.auto(null, 1e-5, null), new FeatureSpec(DriftMethod.KS, null, null),
                    FeatureSpec.DEFAULT)) {
                FeatureResult fromValues = new DriftEngine().evaluate("f", prepared, new Column.Numbers(merged), spec);
                FeatureResult fromRuns = new DriftEngine().evaluate("f", prepared, Column.Numbers.ofSortedRuns(runs), spec);
                assertEquals(fromValues, fromRuns, "trial " + trial + " " + spec);
            }
        }
    }

    private static double[] sample(Random random, int n, boolean wholeNumbers, double shift) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextGaussian() * 2 + shift;
            values[i] = wholeNumbers ? Math.rint(v) : v;
            if (random.nextInt(50) == 0) {
                values[i] = random.nextBoolean() ? -0.0 : 0.0;
            }
        }
        return values;
    }
}
