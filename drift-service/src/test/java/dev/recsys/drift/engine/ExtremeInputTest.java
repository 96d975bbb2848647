package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every method on values a client may send: ±1e308 (whose range overflows a double), NaN and
 * ±Infinity (dropped by cleaning), empty and single-value samples. Each gives a verdict or a
 * per-feature error, never an exception; and the exact-KS budget caps the cost of exact p-values.
 */
class ExtremeInputTest {

    private final DriftEngine engine = new DriftEngine();

    private FeatureResult evaluate(double[] reference, double[] current, DriftMethod method) {
        return engine.evaluate("x", PreparedReference.of(Column.Numbers.cleaned(reference)),
                Column.Numbers.cleaned(current), new FeatureSpec(method, null, null));
    }

    /** 30 distinct values from {@code from} on, so psi, kl and jensenshannon use Sturges bins. */
    private static double[] spread(double from, double extreme) {
        double[] values = IntStream.range(0, 30).mapToDouble(i -> from + i).toArray();
        values[0] = extreme;
        return values;
    }

    @Test
    void hellingerOnValuesWhoseRangeOverflowsIsAnErrorNotACrash() {
        // the request of the report: the bin range overflowed, the bin count became 0, counts[-1] was written
        FeatureResult r = evaluate(new double[] {-1e308, 1, 2}, new double[] {1e308, 3, 4}, DriftMethod.HELLINGER);
        assertTrue(r.isError());
        assertTrue(r.error().contains("max − min overflows"), r.error());
        assertFalse(r.driftDetected());
        assertEquals(0.1, r.threshold());
    }

    @Test
    void everyMethodOnOverflowingRangeGivesAVerdictOrAnError() {
        double[][][] cases = {
                {{-1e308, 1, 2}, {1e308, 3, 4}},
                {spread(0, -1e308), spread(5, 1e308)},
                {{-Double.MAX_VALUE, Double.MAX_VALUE}, {Double.MAX_VALUE, -Double.MAX_VALUE, 0}},
        };
        for (double[][] c : cases) {
            for (DriftMethod method : DriftMethod.values()) {
                FeatureResult r = evaluate(c[0], c[1], method);
                if (r.isError()) {
                    assertTrue(r.error().contains("overflows"), method + ": " + r.error());
                } else {
                    assertNotNull(r.statistic(), method.id());
                    assertFalse(r.statistic().isNaN(), method.id() + " gave NaN");
                }
            }
        }
    }

    @Test
    void methodsThatDoNotMeasureAlongTheAxisStillAnswerOnHugeValues() {
        FeatureResult ks = evaluate(new double[] {-1e308, 1, 2}, new double[] {1e308, 3, 4}, DriftMethod.KS);
        assertFalse(ks.isError());
        assertEquals(1.0, ks.statistic(), 1e-12);
        FeatureResult chi = evaluate(new double[] {-1e308, 1, 2}, new double[] {1e308, 3, 4}, DriftMethod.CHISQUARE);
        assertFalse(chi.isError());
        assertEquals(Double.POSITIVE_INFINITY, chi.statistic());
        assertEquals(0.0, chi.pValue());
    }

    @Test
    void wassersteinWhoseReferenceStdOverflowsIsAnError() {
        // range 1.5e200 is finite, its square is not
        FeatureResult r = evaluate(new double[] {-1e200, 5e199}, new double[] {0, 1}, DriftMethod.WASSERSTEIN);
        assertTrue(r.isError());
        assertTrue(r.error().contains("standard deviation"), r.error());
    }

    @Test
    void nanInfinityEmptyAndSingleValuesNeverThrow() {
        double[][] samples = {
                {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
                {},
                {7},
                {Double.NaN, 7, Double.POSITIVE_INFINITY},
                {1e308},
        };
        for (double[] reference : samples) {
            for (double[] current : samples) {
                for (DriftMethod method : DriftMethod.values()) {
                    FeatureResult r = evaluate(reference, current, method);
                    if (!r.isError()) {
                        assertFalse(r.statistic().isNaN(), method.id() + " gave NaN");
                    }
                }
            }
        }
        FeatureResult belowPrecision = evaluate(new double[] {1e308}, new double[] {1e308}, DriftMethod.HELLINGER);
        assertTrue(belowPrecision.error().contains("not a number"), belowPrecision.error());
        FeatureResult empty = evaluate(new double[] {Double.NaN}, new double[] {1}, DriftMethod.PSI);
        assertTrue(empty.error().contains("empty after dropping"), empty.error());
        FeatureResult single = evaluate(new double[] {7}, new double[] {7}, DriftMethod.WASSERSTEIN);
        assertEquals(0.0, single.statistic());
    }

    @Test
    void exactKsBudgetFallsBackToTheAsymptoticPValueAndSaysSo() {
        double[] reference = IntStream.range(0, 300).mapToDouble(i -> i).toArray();
        double[] current = IntStream.range(0, 200).mapToDouble(i -> i * 1.7).toArray();
        Map<String, FeatureInput> features = Map.of("x", new FeatureInput(new Column.Numbers(reference),
                new Column.Numbers(current), new FeatureSpec(DriftMethod.KS, null, null)));

        FeatureResult exact = engine.compare(features, 0.5, null, new ExactKsBudget(1_000_000)).features().get("x");
        assertEquals("exact", exact.details().get("pValueMethod"));
        assertNull(exact.details().get("exactSkipped"));

        FeatureResult capped = engine.compare(features, 0.5, null, new ExactKsBudget(1_000)).features().get("x");
        assertEquals("asymptotic", capped.details().get("pValueMethod"));
        assertTrue(((String) capped.details().get("exactSkipped")).contains("left of this comparison's exact-KS"));
        assertEquals(exact.statistic(), capped.statistic(), 1e-12);
        assertEquals(exact.pValue(), capped.pValue(), 0.05);
    }

    @Test
    void exactKsBudgetIsSpentAcrossFeaturesInOrder() {
        double[] reference = IntStream.range(0, 300).mapToDouble(i -> i).toArray();
        double[] current = IntStream.range(0, 200).mapToDouble(i -> i * 1.7).toArray();
        long oneFeature = KolmogorovSmirnov.exactCost(300, 200,
                KolmogorovSmirnov.statistic(reference, current));
        Map<String, FeatureInput> features = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"a", "b", "c"}) {
            features.put(name, new FeatureInput(new Column.Numbers(reference), new Column.Numbers(current),
                    new FeatureSpec(DriftMethod.KS, null, null)));
        }
        DriftResult result = engine.compare(features, 0.5, null, new ExactKsBudget(2 * oneFeature));
        assertEquals("exact", result.features().get("a").details().get("pValueMethod"));
        assertEquals("exact", result.features().get("b").details().get("pValueMethod"));
        assertEquals("asymptotic", result.features().get("c").details().get("pValueMethod"));
    }
}
