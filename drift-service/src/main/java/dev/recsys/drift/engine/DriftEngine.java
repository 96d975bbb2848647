package dev.recsys.drift.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift statistics engine of docs/statistics.md §1–3: per-feature method selection, statistic,
 * p-value and verdict, then the dataset verdict with an optional multiple-testing correction.
 * Pure Java, stateless and thread-safe.
 */
public final class DriftEngine {

    /** Dataset drift when at least this share of features drifted (Evidently's default). */
    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    /** Numerical features whose reference has more distinct values than this are binned by Sturges' rule. */
    static final int BINNING_DISTINCT_LIMIT = 20;

    private static final double MIN_WASSERSTEIN_NORM = 0.001;

    /**
     * Evaluates every feature and the dataset. Features keep the map's iteration order.
     *
     * @throws DriftInputException when a feature cannot be evaluated by definition (bad spec, mixed types)
     */
    public DriftResult compare(Map<String, FeatureInput> features, double driftShare, Correction correction) {
        return compare(features, driftShare, correction, ExactKsBudget.unlimited());
    }

    /**
     * As {@link #compare(Map, double, Correction)}, with exact KS p-values paid from {@code budget}
     * in feature order (the stateless compare endpoint's CPU cap).
     */
    public DriftResult compare(Map<String, FeatureInput> features, double driftShare, Correction correction,
                               ExactKsBudget budget) {
        Map<String, FeatureResult> results = new LinkedHashMap<>();
        features.forEach((name, input) -> results.put(name,
                evaluate(name, PreparedReference.of(input.reference()), input.current(), input.spec(), budget)));
        return summarize(results, driftShare, correction);
    }

    /**
     * Evaluates one feature of a current sample against a prepared (cached) reference.
     * A sample empty after cleaning gives an error result, never a verdict.
     *
     * @param feature   the feature's name, used in error messages
     * @param spec      optional method, threshold and type; {@link FeatureSpec#DEFAULT} for defaults
     * @throws DriftInputException when the spec does not fit the data (e.g. ks on strings)
     */
    public FeatureResult evaluate(String feature, PreparedReference reference, Column current, FeatureSpec spec) {
        return evaluate(feature, reference, current, spec, ExactKsBudget.unlimited());
    }

    private FeatureResult evaluate(String feature, PreparedReference reference, Column current, FeatureSpec spec,
                                   ExactKsBudget budget) {
        FeatureSpec s = spec == null ? FeatureSpec.DEFAULT : spec;
        checkAlpha(feature, s);
        if (s.method() != null) {
            checkThreshold(feature, s.method(), s);
        }
        FeatureType type = resolveType(feature, reference.column(), current, s.type());
        if (reference.size() == 0 || current.size() == 0) {
            String which = reference.size() == 0 ? "reference" : "current";
            DriftMethod method = s.method() != null ? s.method() : s.auto() ? twoSampleMethod(type) : null;
            return FeatureResult.error(method, errorThreshold(method, s), type,
                    which + " sample of '" + feature + "' is empty after dropping null, NaN and infinite values");
        }
        PreparedReference ref = reference;
        Column cur = current;
        if (reference.numeric() != (current instanceof Column.Numbers)) {
            // Only reachable when the type is forced categorical: compare numbers as labels.
            ref = PreparedReference.of(asLabels(reference.column()));
            cur = asLabels(current);
        }
        return ref.numeric()
                ? evaluateNumbers(feature, ref, (Column.Numbers) cur, type, s, budget)
                : evaluateLabels(feature, ref, (Column.Labels) cur, type, s);
    }

    /**
     * Applies the optional correction to the p-value tests and computes the dataset verdict:
     * share = drifted / evaluated features (errors excluded), drift when share ≥ driftShare.
     */
    public DriftResult summarize(Map<String, FeatureResult> features, double driftShare, Correction correction) {
        Map<String, FeatureResult> results = correction == null ? features : corrected(features, correction);
        int evaluated = 0;
        int drifted = 0;
        for (FeatureResult result : results.values()) {
            if (!result.isError()) {
                evaluated++;
                if (result.driftDetected()) {
                    drifted++;
                }
            }
        }
        double share = evaluated == 0 ? 0.0 : (double) drifted / evaluated;
        return new DriftResult(results,
                new DatasetResult(drifted, evaluated, share, evaluated > 0 && share >= driftShare));
    }

    /** The default method of docs/statistics.md §2 for reference size {@code n} and {@code distinct} values in the union. */
    public static DriftMethod defaultMethod(FeatureType type, int n, int distinct) {
        if (type == FeatureType.NUMERICAL) {
            if (n <= 1000) {
                return distinct <= 2 ? DriftMethod.Z : distinct <= 5 ? DriftMethod.CHISQUARE : DriftMethod.KS;
            }
            return distinct <= 5 ? DriftMethod.JENSENSHANNON : DriftMethod.WASSERSTEIN;
        }
        if (n <= 1000) {
            return distinct > 2 ? DriftMethod.CHISQUARE : DriftMethod.Z;
        }
        return DriftMethod.JENSENSHANNON;
    }

    /**
     * The monitor's default under {@code threshold: auto} (docs/statistics.md §6): a two-sample test, ks for
     * numbers and chisquare_2s for categories. The z-test is not used for two categories: its z² is
     * exactly the 2×2 table's χ² (the same p-value), and χ² still sees a third category that appears.
     */
    public static DriftMethod twoSampleMethod(FeatureType type) {
        return type == FeatureType.NUMERICAL ? DriftMethod.KS : DriftMethod.CHISQUARE_2S;
    }

    private FeatureResult evaluateNumbers(String feature, PreparedReference ref, Column.Numbers numbers, FeatureType type,
                                          FeatureSpec spec, ExactKsBudget budget) {
        DriftMethod method = spec.method();
        if (method == null && spec.auto()) {
            method = twoSampleMethod(type);
        }
        if (method == DriftMethod.KS && numbers.sortedRuns() != null) {
            // a window held as sorted minutes: D from counts at the reference values, no merge
            return ks(KolmogorovSmirnov.test(ref, numbers.sortedRuns(), budget), spec, type, budget);
        }
        double[] current = numbers.values();
        double[] refSorted = null;
        double[] curSorted = null;
        if (method == null) {
            refSorted = ref.sorted();
            curSorted = Sorting.sortedCopy(current);
            method = defaultMethod(type, ref.size(), Sorting.distinctSortedUnion(refSorted, curSorted));
            checkThreshold(feature, method, spec);
        }
        if (needsSorted(method, type, ref) && curSorted == null) {
            refSorted = ref.sorted();
            curSorted = Sorting.sortedCopy(current);
        }
        int n = current.length;
        // {min, max} of both samples, for the methods that measure along the value axis (one pass, used twice)
        double[] range = alongAxis(method, type, ref) ? range(ref, current) : null;
        String overflow = overflow(method, ref, range);
        if (overflow != null) {
            return FeatureResult.error(method, errorThreshold(method, spec), type, "values of '" + feature + "' "
                    + overflow + " in double precision, so '" + method.id() + "' cannot be computed; ks, chisquare"
                    + " and z compare such values");
        }
        switch (method) {
            case KS -> {
                return ks(refSorted, curSorted, spec, type, budget);
            }
            case WASSERSTEIN -> {
                double raw = Wasserstein.distance(refSorted, curSorted);
                double normed = raw / Math.max(ref.std(), MIN_WASSERSTEIN_NORM);
                return verdict(method, normed, null, binnedThreshold(method, ref, n, spec), type,
                        Map.of("wasserstein", raw), null);
            }
            case HELLINGER -> {
                if (type == FeatureType.CATEGORICAL) {
                    return distance(method, CategoryCounts.ofSorted(refSorted, curSorted), ref, spec, type);
                }
                double[] edges = Histogram.sturgesEdges(Math.min(refSorted[0], curSorted[0]),
                        Math.max(refSorted[refSorted.length - 1], curSorted[curSorted.length - 1]),
                        Sorting.distinctSortedUnion(refSorted, curSorted),
                        ref.integerValued() && Histogram.allIntegers(current));
                double h = Divergences.hellingerDensity(Histogram.counts(refSorted, edges),
                        Histogram.counts(current, edges), edges);
                return verdict(method, h, null, binnedThreshold(method, ref, n, spec), type,
                        Map.of("bins", edges.length - 1), null);
            }
            case PSI, KL, JENSENSHANNON -> {
                if (usesSturgesBins(type, ref)) {
                    double[] refValues = ((Column.Numbers) ref.column()).values();
                    double[] edges = Histogram.sturgesEdges(range[0], range[1], (long) refValues.length + current.length,
                            ref.integerValued() && Histogram.allIntegers(current));
                    // the two samples binned on two threads when large (SciPy/NumPy's histogram is one pass each)
                    TwoThreads.Both<long[]> counts = TwoThreads.run((long) refValues.length + current.length,
                            () -> Histogram.counts(refValues, edges), () -> Histogram.counts(current, edges));
                    CategoryCounts bins = CategoryCounts.of(counts.first(), counts.second());
                    return verdict(method, divergence(method, bins), null, binnedThreshold(method, ref, n, spec), type,
                            Map.of("bins", bins.categories()), null);
                }
                return distance(method, CategoryCounts.ofSorted(refSorted, curSorted), ref, spec, type);
            }
            default -> {
                return test(method, CategoryCounts.ofSorted(refSorted, curSorted), spec, type);
            }
        }
    }

    /**
     * KS with an exact p-value where SciPy computes one and {@code budget} still covers its cost;
     * otherwise the asymptotic one, and {@code details.exactSkipped} says why.
     */
    private static FeatureResult ks(double[] refSorted, double[] curSorted, FeatureSpec spec, FeatureType type,
                                    ExactKsBudget budget) {
        return ks(KolmogorovSmirnov.test(refSorted, curSorted, budget), spec, type, budget);
    }

    private static FeatureResult ks(KolmogorovSmirnov.Result ks, FeatureSpec spec, FeatureType type,
                                    ExactKsBudget budget) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pValueMethod", ks.exact() ? "exact" : "asymptotic");
        if (ks.exactCostSkipped() > 0) {
            details.put("exactSkipped", "the exact p-value would cost " + ks.exactCostSkipped()
                    + " lattice cells, more than the " + budget.remaining() + " left of this comparison's exact-KS"
                    + " budget");
        }
        return verdict(DriftMethod.KS, ks.statistic(), ks.pValue(), pValueThreshold(DriftMethod.KS, spec), type,
                details, new EffectSize(EffectSize.KS_D, ks.statistic(), null));
    }

    /**
     * Why a method that measures distances along the value axis cannot handle these numbers, or
     * {@code null}: binned methods and Wasserstein need max − min (and Wasserstein the reference's
     * standard deviation) to be finite, which values near ±1.8e308 overflow. {@code range}: {min, max}
     * of both samples, {@code null} for a method that does not measure along the value axis.
     */
    private static String overflow(DriftMethod method, PreparedReference ref, double[] range) {
        if (range == null) {
            return null;
        }
        if (!Double.isFinite(range[1] - range[0])) {
            return "span more than the largest double (max − min overflows)";
        }
        if (method == DriftMethod.WASSERSTEIN && !Double.isFinite(ref.std())) {
            return "have a reference standard deviation that overflows";
        }
        return null;
    }

    /** Whether the method measures distances along the value axis (needs {@link #range}). */
    private static boolean alongAxis(DriftMethod method, FeatureType type, PreparedReference ref) {
        return switch (method) {
            case WASSERSTEIN -> true;
            case HELLINGER -> type == FeatureType.NUMERICAL;
            case PSI, KL, JENSENSHANNON -> usesSturgesBins(type, ref);
            default -> false;
        };
    }

    /** {min, max} over the reference and current numbers (each sample's on its own thread when large). */
    private static double[] range(PreparedReference ref, double[] current) {
        double[] refValues = ((Column.Numbers) ref.column()).values();
        TwoThreads.Both<double[]> ranges = TwoThreads.run((long) refValues.length + current.length,
                () -> minMax(refValues), () -> minMax(current));
        return new double[] {Math.min(ranges.first()[0], ranges.second()[0]),
                Math.max(ranges.first()[1], ranges.second()[1])};
    }

    private static double[] minMax(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = v < min ? v : min;
            max = v > max ? v : max;
        }
        return new double[] {min, max};
    }

    /** The threshold an error result reports: the one that would have applied, none for a calibrated distance. */
    private static Double errorThreshold(DriftMethod method, FeatureSpec spec) {
        return method == null || spec.auto() && !method.hasPValue() ? null
                : spec.auto() ? spec.alpha() : fixedThreshold(method, spec);
    }

    private FeatureResult evaluateLabels(String feature, PreparedReference ref, Column.Labels current, FeatureType type,
                                         FeatureSpec spec) {
        CategoryCounts counts = CategoryCounts.ofLabels(((Column.Labels) ref.column()).values(), current);
        DriftMethod method = spec.method();
        if (method == null && spec.auto()) {
            method = twoSampleMethod(type);
        } else if (method == null) {
            method = defaultMethod(type, ref.size(), counts.categories());
            checkThreshold(feature, method, spec);
        }
        if (method.numericOnly()) {
            throw new DriftInputException("features." + feature + ".method",
                    "method '" + method.id() + "' needs numbers but feature '" + feature + "' holds strings or booleans");
        }
        return method.hasPValue() ? test(method, counts, spec, type) : distance(method, counts, ref, spec, type);
    }

    private static boolean needsSorted(DriftMethod method, FeatureType type, PreparedReference ref) {
        return switch (method) {
            case PSI, KL, JENSENSHANNON -> !usesSturgesBins(type, ref);
            default -> true;
        };
    }

    private static boolean usesSturgesBins(FeatureType type, PreparedReference ref) {
        return type == FeatureType.NUMERICAL && ref.moreDistinctThan(BINNING_DISTINCT_LIMIT);
    }

    private static FeatureResult distance(DriftMethod method, CategoryCounts c, PreparedReference ref,
                                          FeatureSpec spec, FeatureType type) {
        return verdict(method, divergence(method, c), null, categoryThreshold(method, c, ref, spec), type,
                Map.of("bins", c.categories()), null);
    }

    private static double divergence(DriftMethod method, CategoryCounts c) {
        long[] r = c.reference();
        long[] k = c.current();
        long nr = c.referenceTotal();
        long nc = c.currentTotal();
        return switch (method) {
            case PSI -> Divergences.psi(r, nr, k, nc);
            case KL -> Divergences.kl(r, nr, k, nc);
            case JENSENSHANNON -> Divergences.jensenShannon(r, nr, k, nc);
            case HELLINGER -> Divergences.hellinger(r, nr, k, nc);
            default -> throw new IllegalArgumentException(method + " is not a distance");
        };
    }

    private static FeatureResult test(DriftMethod method, CategoryCounts c, FeatureSpec spec, FeatureType type) {
        ProportionTests.Result result = switch (method) {
            case Z -> ProportionTests.zTest(c.reference(), c.referenceTotal(), c.current(), c.currentTotal());
            case CHISQUARE_2S -> ProportionTests.chiSquareTwoSample(c.reference(), c.referenceTotal(), c.current(),
                    c.currentTotal());
            default -> ProportionTests.chiSquare(c.reference(), c.referenceTotal(), c.current(), c.currentTotal());
        };
        EffectSize effect = method == DriftMethod.Z ? EffectSize.firstShareDifference(c) : EffectSize.maxShareChange(c);
        return verdict(method, result.statistic(), result.pValue(), pValueThreshold(method, spec), type,
                Map.of("categories", c.categories()), effect);
    }

    /** @param effect the effect size; {@code null} for a distance, whose effect size is its value */
    private static FeatureResult verdict(DriftMethod method, double statistic, Double pValue, Threshold threshold,
                                         FeatureType type, Map<String, Object> details, EffectSize effect) {
        if (Double.isNaN(statistic)) {
            // NumPy gives NaN too, e.g. a bin narrower than the spacing of doubles near 1e308
            return FeatureResult.error(method, threshold.value(), type, "'" + method.id() + "' is not a number on"
                    + " these values in double precision (bins or spread below their precision); ks, chisquare"
                    + " and z compare such values");
        }
        boolean drift = method.isDrift(statistic, pValue, threshold.value());
        return new FeatureResult(method.id(), statistic, pValue, threshold.value(), drift, type, null, details,
                threshold.alpha(), threshold.source(), effect != null ? effect : new EffectSize(method.id(), statistic, null));
    }

    private static Threshold pValueThreshold(DriftMethod method, FeatureSpec spec) {
        return spec.auto() ? ThresholdCalibration.pValue(spec.alpha()) : Threshold.fixed(fixedThreshold(method, spec));
    }

    private static Threshold categoryThreshold(DriftMethod method, CategoryCounts c, PreparedReference ref,
                                               FeatureSpec spec) {
        return spec.auto()
                ? ThresholdCalibration.chiSquare(method, spec.alpha(), ref, c.referenceTotal(), c.currentTotal(),
                        c.occupied())
                : Threshold.fixed(fixedThreshold(method, spec));
    }

    private static Threshold binnedThreshold(DriftMethod method, PreparedReference ref, int n, FeatureSpec spec) {
        return spec.auto() ? ThresholdCalibration.bootstrapped(method, spec.alpha(), ref, n)
                : Threshold.fixed(fixedThreshold(method, spec));
    }

    private static double fixedThreshold(DriftMethod method, FeatureSpec spec) {
        return spec.threshold() != null ? spec.threshold() : method.defaultThreshold();
    }

    private static void checkAlpha(String feature, FeatureSpec spec) {
        if (spec.auto() && !ThresholdCalibration.acceptsAlpha(spec.alpha())) {
            throw new DriftInputException("features." + feature + ".alpha",
                    "alpha of '" + feature + "' must be in (0, 1), got " + spec.alpha());
        }
        if (spec.auto() && spec.threshold() != null) {
            throw new DriftInputException("features." + feature + ".threshold",
                    "threshold of '" + feature + "' is either a number or auto (with alpha), not both");
        }
    }

    private static void checkThreshold(String feature, DriftMethod method, FeatureSpec spec) {
        if (spec.auto() && !method.calibratable()) {
            throw new DriftInputException("features." + feature + ".threshold",
                    "threshold auto of '" + feature + "' needs a two-sample test or a distance; '" + method.id()
                            + "' is Evidently's goodness-of-fit test, which treats the reference shares as exact: "
                            + "use 'chisquare_2s'");
        }
        Double threshold = spec.threshold();
        if (threshold != null && !method.acceptsThreshold(threshold)) {
            String range = method.hasPValue() ? "in (0, 1]" : "a finite number ≥ 0";
            throw new DriftInputException("features." + feature + ".threshold",
                    "threshold of '" + feature + "' for method '" + method.id() + "' must be " + range
                            + ", got " + threshold);
        }
    }

    private static FeatureType resolveType(String feature, Column reference, Column current, FeatureType forced) {
        boolean refNumbers = reference instanceof Column.Numbers || reference.size() == 0;
        boolean curNumbers = current instanceof Column.Numbers || current.size() == 0;
        if (forced == FeatureType.NUMERICAL) {
            if (!refNumbers || !curNumbers) {
                throw new DriftInputException("features." + feature + ".type",
                        "feature '" + feature + "' is forced numerical but holds strings or booleans in the "
                                + (refNumbers ? "current" : "reference") + " sample");
            }
            return forced;
        }
        if (forced == FeatureType.CATEGORICAL) {
            return forced;
        }
        if (reference.size() > 0 && current.size() > 0 && refNumbers != curNumbers) {
            throw new DriftInputException("current." + feature,
                    "feature '" + feature + "' holds " + (refNumbers ? "numbers" : "strings or booleans")
                            + " in the reference but " + (curNumbers ? "numbers" : "strings or booleans")
                            + " in the current sample; force \"type\": \"categorical\" to compare them as categories");
        }
        return reference.size() > 0 ? reference.naturalType() : current.naturalType();
    }

    /** Numbers as category labels: whole numbers without a fraction ("3"), others as Java prints doubles. */
    static Column.Labels asLabels(Column column) {
        if (column instanceof Column.Labels labels) {
            return labels;
        }
        double[] values = ((Column.Numbers) column).values();
        String[] labels = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            labels[i] = numberLabel(values[i]);
        }
        return new Column.Labels(labels);
    }

    /** The label of a number used as a category (also used by parsers for mixed categorical input). */
    public static String numberLabel(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static Map<String, FeatureResult> corrected(Map<String, FeatureResult> features, Correction correction) {
        List<String> tests = new ArrayList<>();
        features.forEach((name, r) -> {
            if (!r.isError() && r.pValue() != null) {
                tests.add(name);
            }
        });
        int m = tests.size();
        Map<String, FeatureResult> out = new LinkedHashMap<>(features);
        if (m == 0) {
            return out;
        }
        if (correction == Correction.BONFERRONI) {
            for (String name : tests) {
                FeatureResult r = features.get(name);
                double adjusted = r.threshold() / m;
                out.put(name, r.withVerdict(r.pValue() < adjusted,
                        withExtra(r.details(), "correction", correction.id(), "adjustedThreshold", adjusted)));
            }
            return out;
        }
        // Benjamini–Hochberg: reject the k smallest p-values, k the largest rank with p_(k) ≤ k·α/m.
        String[] byP = tests.toArray(String[]::new);
        Arrays.sort(byP, (a, b) -> Double.compare(features.get(a).pValue(), features.get(b).pValue()));
        int rejected = 0;
        for (int rank = 1; rank <= m; rank++) {
            FeatureResult r = features.get(byP[rank - 1]);
            if (r.pValue() <= rank * r.threshold() / m) {
                rejected = rank;
            }
        }
        for (int rank = 1; rank <= m; rank++) {
            FeatureResult r = features.get(byP[rank - 1]);
            out.put(byP[rank - 1], r.withVerdict(rank <= rejected,
                    withExtra(r.details(), "correction", correction.id(), "criticalValue", rank * r.threshold() / m)));
        }
        return out;
    }

    private static Map<String, Object> withExtra(Map<String, Object> details, String k1, Object v1, String k2,
                                                 Object v2) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (details != null) {
            out.putAll(details);
        }
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }
}
