package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rules of docs/statistics.md §1–2, one readable case each. */
class DriftEngineTest {

    private final DriftEngine engine = new DriftEngine();

    private static Column numbers(double... values) {
        return Column.Numbers.cleaned(values);
    }

    private static Column labels(String... values) {
        return Column.Labels.cleaned(values);
    }

    /** n values cycling through {@code distinct} different numbers. */
    private static Column cycling(int n, int distinct) {
        return new Column.Numbers(IntStream.range(0, n).mapToDouble(i -> i % distinct).toArray());
    }

    private FeatureResult evaluate(Column reference, Column current, FeatureSpec spec) {
        return engine.evaluate("f", PreparedReference.of(reference), current, spec);
    }

    private FeatureResult evaluate(Column reference, Column current) {
        return evaluate(reference, current, FeatureSpec.DEFAULT);
    }

    @Test
    void binnedDivergencesOfSamplesLargeEnoughForTwoThreadsAreTheSerialOnes() {
        // 2 × 150,000 values: range and bins are computed on two threads (TwoThreads.THRESHOLD)
        SplittableRandom random = new java.util.SplittableRandom(7);
        double[] reference = random.doubles(150_000).map(u -> u * u).toArray();
        double[] current = random.doubles(150_000).map(u -> 0.2 + u).toArray();
        // the reference holds the smallest value, the current sample the largest
        double[] edges = Histogram.sturgesEdges(Arrays.stream(reference).min().getAsDouble(),
                Arrays.stream(current).max().getAsDouble(), 300_000, false);
        long[] r = Histogram.counts(reference, edges);
        long[] c = Histogram.counts(current, edges);
        // kl is not symmetric: a reference and current swapped between the threads would change it
        Column ref = new Column.Numbers(reference);
        Column cur = new Column.Numbers(current);
        assertEquals(Divergences.kl(r, reference.length, c, current.length),
                evaluate(ref, cur, new FeatureSpec(DriftMethod.KL, 1.0, null)).statistic());
        assertEquals(Divergences.psi(r, reference.length, c, current.length),
                evaluate(ref, cur, new FeatureSpec(DriftMethod.PSI, 1.0, null)).statistic());
    }

    @Test
    void defaultSelectionForSmallNumericalReference() {
        assertEquals("z", evaluate(cycling(1000, 2), cycling(50, 2)).method());
        assertEquals("chisquare", evaluate(cycling(1000, 3), cycling(50, 3)).method());
        assertEquals("chisquare", evaluate(cycling(1000, 5), cycling(50, 5)).method());
        assertEquals("ks", evaluate(cycling(1000, 6), cycling(50, 6)).method());
    }

    @Test
    void defaultSelectionForLargeNumericalReference() {
        assertEquals("jensenshannon", evaluate(cycling(1001, 5), cycling(50, 5)).method());
        assertEquals("wasserstein", evaluate(cycling(1001, 6), cycling(50, 6)).method());
    }

    @Test
    void defaultSelectionCountsDistinctValuesOfTheUnion() {
        // reference alone has 2 distinct values, the union 3: chisquare, not z
        assertEquals("chisquare", evaluate(cycling(100, 2), numbers(0, 1, 2)).method());
    }

    @Test
    void defaultSelectionForCategoricalFeatures() {
        assertEquals("z", evaluate(labels("a", "b", "a"), labels("a", "b")).method());
        assertEquals("chisquare", evaluate(labels("a", "b", "c"), labels("a")).method());
        String[] large = IntStream.range(0, 1001).mapToObj(i -> i % 2 == 0 ? "a" : "b").toArray(String[]::new);
        assertEquals("jensenshannon", evaluate(labels(large), labels("a")).method());
    }

    @Test
    void forcedTypeOverridesTheValues() {
        FeatureResult result = evaluate(cycling(100, 10), cycling(100, 10),
                new FeatureSpec(null, null, FeatureType.CATEGORICAL));
        assertEquals(FeatureType.CATEGORICAL, result.type());
        assertEquals("chisquare", result.method());
    }

    @Test
    void ksDriftsWhenPValueEqualsThreshold() {
        FeatureResult probe = evaluate(numbers(1, 2, 3, 4, 5), numbers(3, 4, 5, 6, 7, 8),
                new FeatureSpec(DriftMethod.KS, null, null));
        FeatureResult atThreshold = evaluate(numbers(1, 2, 3, 4, 5), numbers(3, 4, 5, 6, 7, 8),
                new FeatureSpec(DriftMethod.KS, probe.pValue(), null));
        assertTrue(atThreshold.driftDetected(), "ks: p ≤ threshold is drift");
    }

    @Test
    void chiSquareAndZDoNotDriftWhenPValueEqualsThreshold() {
        Column ref = labels("a", "a", "b", "b", "c");
        Column cur = labels("a", "b", "b", "c", "c");
        FeatureResult chi = evaluate(ref, cur, new FeatureSpec(DriftMethod.CHISQUARE, null, null));
        assertFalse(evaluate(ref, cur, new FeatureSpec(DriftMethod.CHISQUARE, chi.pValue(), null)).driftDetected(),
                "chisquare: only p < threshold is drift");
        FeatureResult z = evaluate(ref, cur, new FeatureSpec(DriftMethod.Z, null, null));
        assertFalse(evaluate(ref, cur, new FeatureSpec(DriftMethod.Z, z.pValue(), null)).driftDetected(),
                "z: only p < threshold is drift");
    }

    @Test
    void distancesDriftWhenStatisticEqualsThreshold() {
        Column ref = labels("a", "a", "b");
        Column cur = labels("a", "b", "b");
        FeatureResult psi = evaluate(ref, cur, new FeatureSpec(DriftMethod.PSI, null, null));
        assertTrue(evaluate(ref, cur, new FeatureSpec(DriftMethod.PSI, psi.statistic(), null)).driftDetected());
        assertNull(psi.pValue(), "distances have no p-value");
        assertEquals(0.1, psi.threshold(), "default distance threshold");
    }

    @Test
    void zeroFillingUsesOneMillionthOfTheSmallestShareWhenItIsTiny() {
        double[] shares = {0.5, 0.0, 0.00005, 0.49995};
        double[] filled = Divergences.fillZeros(shares);
        assertEquals(0.00005 / 1e6, filled[1]);
        assertEquals(0.5, filled[0], "non-zero shares unchanged, no renormalising");
    }

    @Test
    void zeroFillingUsesOneTenThousandthOtherwise() {
        assertEquals(1e-4, Divergences.fillZeros(new double[] {0.25, 0.0, 0.75})[1]);
    }

    @Test
    void psiOfACategoryMissingInCurrentUsesTheFilledShare() {
        // ref shares (0.5, 0.5), current (1, 0) -> current zero becomes 1e-4
        double expected = (0.5 - 1.0) * Math.log(0.5 / 1.0) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
        FeatureResult psi = evaluate(labels("a", "b"), labels("a", "a"), new FeatureSpec(DriftMethod.PSI, null, null));
        assertEquals(expected, psi.statistic(), 1e-15);
    }

    @Test
    void preparedReferenceCountsDistinctValues() {
        assertEquals(2, PreparedReference.of(labels("a", "b", "a")).distinct());
        assertEquals(4, PreparedReference.of(numbers(1, 2, 2, 3, -0.0, 0.0)).distinct(), "-0.0 equals 0.0");
    }

    @Test
    void cleaningDropsNullNaNAndInfinities() {
        Column cleaned = numbers(1, Double.NaN, Double.POSITIVE_INFINITY, 2, Double.NEGATIVE_INFINITY);
        assertEquals(2, cleaned.size());
        assertEquals(2, labels("a", null, "b").size());
    }

    @Test
    void emptyAfterCleaningIsAnErrorNotAVerdict() {
        FeatureResult result = evaluate(numbers(Double.NaN), numbers(1, 2), new FeatureSpec(DriftMethod.KS, null, null));
        assertTrue(result.isError());
        assertFalse(result.driftDetected());
        assertNull(result.statistic());
        assertEquals("ks", result.method());
    }

    @Test
    void chiSquareIsInfiniteForACategoryAbsentFromTheReference() {
        FeatureResult result = evaluate(labels("a", "b"), labels("a", "c"),
                new FeatureSpec(DriftMethod.CHISQUARE, null, null));
        assertEquals(Double.POSITIVE_INFINITY, result.statistic());
        assertEquals(0.0, result.pValue());
        assertTrue(result.driftDetected());
    }

    @Test
    void zTestOfOneAndTheSameValueHasPOne() {
        FeatureResult result = evaluate(labels("x", "x"), labels("x"), new FeatureSpec(DriftMethod.Z, null, null));
        assertEquals(1.0, result.pValue());
        assertFalse(result.driftDetected());
    }

    @Test
    void wassersteinIsNormedByTheReferenceStdWithAFloor() {
        FeatureResult constant = evaluate(numbers(5, 5, 5), numbers(5, 5, 6),
                new FeatureSpec(DriftMethod.WASSERSTEIN, null, null));
        // W1 = 1/3; std of a constant reference is 0 -> divided by 0.001
        assertEquals((1.0 / 3) / 0.001, constant.statistic(), 1e-9);
    }

    @Test
    void numericOnlyMethodsRejectLabels() {
        DriftInputException e = assertThrows(DriftInputException.class, () -> evaluate(labels("a"), labels("b"),
                new FeatureSpec(DriftMethod.WASSERSTEIN, null, null)));
        assertEquals("features.f.method", e.field());
    }

    @Test
    void thresholdsOutsideTheirRangeAreRejected() {
        assertThrows(DriftInputException.class, () -> evaluate(numbers(1), numbers(1),
                new FeatureSpec(DriftMethod.KS, 0.0, null)));
        assertThrows(DriftInputException.class, () -> evaluate(numbers(1), numbers(1),
                new FeatureSpec(DriftMethod.CHISQUARE, 1.01, null)));
        assertThrows(DriftInputException.class, () -> evaluate(numbers(1), numbers(1),
                new FeatureSpec(DriftMethod.PSI, -0.1, null)));
    }

    @Test
    void mixedTypesAreRejectedUnlessForcedCategorical() {
        DriftInputException e = assertThrows(DriftInputException.class,
                () -> evaluate(numbers(1, 2), labels("a")));
        assertEquals("current.f", e.field());
        FeatureResult forced = evaluate(numbers(1, 2), labels("1", "a"),
                new FeatureSpec(null, null, FeatureType.CATEGORICAL));
        assertEquals(FeatureType.CATEGORICAL, forced.type());
    }

    @Test
    void datasetDriftComparesShareWithDriftShare() {
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        results.put("a", verdict(true));
        results.put("b", verdict(false));
        results.put("c", verdict(false));
        results.put("d", verdict(true));
        DatasetResult half = engine.summarize(results, 0.5, null).dataset();
        assertEquals(2, half.driftedFeatures());
        assertEquals(4, half.features());
        assertEquals(0.5, half.share());
        assertTrue(half.driftDetected(), "share ≥ driftShare");
        assertFalse(engine.summarize(results, 0.6, null).dataset().driftDetected());
    }

    @Test
    void errorsDoNotCountAsFeatures() {
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        results.put("a", verdict(true));
        results.put("b", FeatureResult.error(null, null, FeatureType.NUMERICAL, "empty"));
        DatasetResult dataset = engine.summarize(results, 0.5, null).dataset();
        assertEquals(1, dataset.features());
        assertEquals(1.0, dataset.share());
    }

    @Test
    void bonferroniDividesTheThresholdByTheNumberOfTests() {
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        results.put("a", pTest(0.03));
        results.put("b", pTest(0.2));
        results.put("d", distance(0.5));
        DriftResult corrected = engine.summarize(results, 0.5, Correction.BONFERRONI);
        assertFalse(corrected.features().get("a").driftDetected(), "0.03 ≥ 0.05 / 2");
        assertEquals(0.025, corrected.features().get("a").details().get("adjustedThreshold"));
        assertTrue(corrected.features().get("d").driftDetected(), "distances are not corrected");
    }

    @Test
    void benjaminiHochbergRejectsUpToTheLargestPassingRank() {
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        results.put("a", pTest(0.04));   // rank 3: 0.04 ≤ 3·0.05/4 = 0.0375? no
        results.put("b", pTest(0.001));  // rank 1: ≤ 0.0125 yes
        results.put("c", pTest(0.02));   // rank 2: ≤ 0.025 yes
        results.put("e", pTest(0.045));  // rank 4: ≤ 0.05 yes -> ranks 1..4 all rejected
        DriftResult corrected = engine.summarize(results, 0.5, Correction.FDR);
        assertTrue(corrected.features().values().stream().allMatch(FeatureResult::driftDetected));

        results.put("e", pTest(0.06));   // rank 4 fails, rank 3 (0.04 > 0.0375) fails -> only ranks 1, 2
        corrected = engine.summarize(results, 0.5, Correction.FDR);
        assertTrue(corrected.features().get("b").driftDetected());
        assertTrue(corrected.features().get("c").driftDetected());
        assertFalse(corrected.features().get("a").driftDetected());
        assertFalse(corrected.features().get("e").driftDetected());
    }

    private static FeatureResult verdict(boolean drift) {
        return new FeatureResult("psi", 0.2, null, 0.1, drift, FeatureType.NUMERICAL, null, null);
    }

    private static FeatureResult pTest(double p) {
        return new FeatureResult("ks", 0.3, p, 0.05, p <= 0.05, FeatureType.NUMERICAL, null, null);
    }

    private static FeatureResult distance(double value) {
        return new FeatureResult("psi", value, null, 0.1, value >= 0.1, FeatureType.NUMERICAL, null, null);
    }
}
