package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** chisquare_2s, effect sizes and the threshold a verdict reports, on hand-computed cases. */
class TwoSampleTestsAndEffectSizeTest {

    private final DriftEngine engine = new DriftEngine();

    private static Column labels(String... values) {
        return Column.Labels.cleaned(values);
    }

    private static String[] repeat(String a, int na, String b, int nb) {
        String[] out = new String[na + nb];
        java.util.Arrays.fill(out, 0, na, a);
        java.util.Arrays.fill(out, na, na + nb, b);
        return out;
    }

    private FeatureResult evaluate(Column reference, Column current, FeatureSpec spec) {
        return engine.evaluate("f", PreparedReference.of(reference), current, spec);
    }

    @Test
    void chiSquareTwoSampleOnTheContingencyTable() {
        // reference a:30 b:10, current a:20 b:20 -> expected 25/15 in both rows, χ² = 2·(1 + 25/15)
        // scipy.stats.chi2_contingency([[30,10],[20,20]], correction=False): 5.333333333333334, p 0.020921335337794004
        FeatureResult r = evaluate(labels(repeat("a", 30, "b", 10)), labels(repeat("a", 20, "b", 20)),
                new FeatureSpec(DriftMethod.CHISQUARE_2S, null, null));
        assertEquals("chisquare_2s", r.method());
        assertEquals(5.333333333333334, r.statistic(), 1e-12);
        assertEquals(0.020921335337794004, r.pValue(), 1e-12);
        assertTrue(r.driftDetected(), "p < 0.05");
        assertEquals(0.05, r.threshold());
        assertEquals(Threshold.FIXED, r.thresholdSource());
        assertNull(r.alpha());
        assertEquals(new EffectSize(EffectSize.MAX_SHARE_CHANGE, -0.25, "a"), r.effectSize());
    }

    @Test
    void categoryInOneSampleOnlyIsAnOrdinaryColumn() {
        // reference a:10, current a:5 b:5: finite χ² = 2·2.5²/7.5 + 2·2.5²/2.5 = 6.667 (the goodness-of-fit chisquare is ∞)
        Column ref = labels(repeat("a", 10, "b", 0));
        Column cur = labels(repeat("a", 5, "b", 5));
        FeatureResult twoSample = evaluate(ref, cur, new FeatureSpec(DriftMethod.CHISQUARE_2S, null, null));
        assertEquals(6.666666666666667, twoSample.statistic(), 1e-12);
        assertEquals(0.009823274507519235, twoSample.pValue(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY,
                evaluate(ref, cur, new FeatureSpec(DriftMethod.CHISQUARE, null, null)).statistic());
        // a: 0.5 − 1 = −0.5 and b: 0.5 − 0 = +0.5 tie; the first category is reported
        assertEquals(new EffectSize(EffectSize.MAX_SHARE_CHANGE, -0.5, "a"), twoSample.effectSize());
    }

    @Test
    void oneCategoryGivesNoEvidence() {
        FeatureResult r = evaluate(labels("x", "x"), labels("x"), new FeatureSpec(DriftMethod.CHISQUARE_2S, null, null));
        assertEquals(0.0, r.statistic());
        assertEquals(1.0, r.pValue());
        assertFalse(r.driftDetected());
    }

    @Test
    void effectSizeOfEveryKindOfMethod() {
        // ks: D = 0.5 (scipy.stats.ks_2samp([1,2,3,4,5], [3,4,5,6,7,8]))
        FeatureResult ks = evaluate(Column.Numbers.cleaned(new double[] {1, 2, 3, 4, 5}),
                Column.Numbers.cleaned(new double[] {3, 4, 5, 6, 7, 8}), new FeatureSpec(DriftMethod.KS, null, null));
        assertEquals(new EffectSize(EffectSize.KS_D, 0.5, null), ks.effectSize());
        // z: share of the first category "x" goes from 2/4 to 1/4
        FeatureResult z = evaluate(labels("x", "x", "y", "y"), labels("x", "y", "y", "y"),
                new FeatureSpec(DriftMethod.Z, null, null));
        assertEquals(new EffectSize(EffectSize.SHARE_DIFFERENCE, -0.25, "x"), z.effectSize());
        assertTrue(z.statistic() < 0, "z has the sign of the first category's share change");
        // numbers as categories name the number: 3 goes from 1/4 to 3/4
        FeatureResult chi = evaluate(Column.Numbers.cleaned(new double[] {1, 2, 2, 3}),
                Column.Numbers.cleaned(new double[] {3, 3, 3, 2}), new FeatureSpec(DriftMethod.CHISQUARE_2S, null, null));
        assertEquals(new EffectSize(EffectSize.MAX_SHARE_CHANGE, 0.5, "3"), chi.effectSize());
        // distances: the value itself
        FeatureResult psi = evaluate(labels("a", "b"), labels("a", "a"), new FeatureSpec(DriftMethod.PSI, null, null));
        assertEquals(new EffectSize("psi", psi.statistic(), null), psi.effectSize());
    }

    @Test
    void autoThresholdReportsAlphaAndDerivation() {
        Column ref = labels(repeat("a", 300, "b", 100));
        Column cur = labels(repeat("a", 290, "b", 110));
        FeatureResult test = evaluate(ref, cur, FeatureSpec.auto(null, 1e-5, null));
        assertEquals("chisquare_2s", test.method(), "auto without a method: the two-sample default");
        assertEquals(1e-5, test.threshold());
        assertEquals(1e-5, test.alpha());
        assertEquals(Threshold.P_VALUE, test.thresholdSource());

        FeatureResult psi = evaluate(ref, cur, FeatureSpec.auto(DriftMethod.PSI, 0.01, null));
        // (1/400 + 1/400) · χ²₁(0.99) = 0.005 · 6.634896601021217
        assertEquals(0.005 * 6.634896601021217, psi.threshold(), 1e-9);
        assertEquals(Threshold.CHI2_ASYMPTOTIC, psi.thresholdSource());
        FeatureResult js = evaluate(ref, cur, FeatureSpec.auto(DriftMethod.JENSENSHANNON, 0.01, null));
        assertEquals(Math.sqrt(0.125 * 0.005 * 6.634896601021217), js.threshold(), 1e-9);

        double[] normal = new java.util.Random(3).doubles(500).map(u -> u * 10).toArray();
        FeatureResult ks = evaluate(Column.Numbers.cleaned(normal), Column.Numbers.cleaned(normal),
                FeatureSpec.auto(null, 1e-5, null));
        assertEquals("ks", ks.method());
        FeatureResult w = evaluate(Column.Numbers.cleaned(normal), Column.Numbers.cleaned(normal),
                FeatureSpec.auto(DriftMethod.WASSERSTEIN, 1e-5, null));
        assertEquals(Threshold.BOOTSTRAP_TAIL, w.thresholdSource());
        assertFalse(w.driftDetected());
    }

    @Test
    void autoRejectsTheGoodnessOfFitChiSquareAndBadAlpha() {
        Column ref = labels("a", "b");
        DriftInputException gof = assertThrows(DriftInputException.class,
                () -> evaluate(ref, ref, FeatureSpec.auto(DriftMethod.CHISQUARE, 1e-5, null)));
        assertEquals("features.f.threshold", gof.field());
        DriftInputException alpha = assertThrows(DriftInputException.class,
                () -> evaluate(ref, ref, FeatureSpec.auto(null, 1.5, null)));
        assertEquals("features.f.alpha", alpha.field());
    }
}
