package dev.recsys.drift.quality.check;

import dev.recsys.drift.quality.correlation.CorrelationMatrices;
import dev.recsys.drift.quality.correlation.NumericColumns;
import dev.recsys.drift.quality.event.EventRejection;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.profile.FeatureProfile;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every data-quality check over one window against a reference profile. Pure computation:
 * no I/O, no clock, no shared state, so one instance serves any number of models and threads.
 * One pass over the events gathers counts and numeric parts; the per-feature checks and the
 * correlation matrices then work on the parts merged.
 */
public final class DataQualityChecker {

    private final QualityThresholds thresholds;

    public DataQualityChecker(QualityThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public QualityThresholds thresholds() {
        return thresholds;
    }

    /**
     * @param newestKnownTs newest event {@code ts} seen for the model before this window (null if none),
     *                      so freshness keeps growing through windows without events
     * @param nowMillis     evaluation time, epoch ms
     */
    public DataQualityResult check(String model, QualityProfile profile, QualityWindow window, Long newestKnownTs,
                                   long nowMillis) {
        WindowScan scan = WindowScan.of(profile, window);
        Map<QualityCheck, List<String>> violators = new EnumMap<>(QualityCheck.class);
        Map<QualityCheck, Double> worst = new EnumMap<>(QualityCheck.class);
        Map<String, FeatureQuality> features = new LinkedHashMap<>();
        NumericColumns numbers = window.sample() ? null : scan.numbers();
        int f = 0;
        for (FeatureProfile feature : window.sample() ? List.<FeatureProfile>of() : profile.features().values()) {
            features.put(feature.name(), featureQuality(feature, scan, f++, numbers,
                    profile.numericalFeatures().indexOf(feature.name()), violators, worst));
        }

        int duplicates = scan.duplicates;
        SchemaReport schema = schemaReport(window, scan);
        FreshnessReport freshness = freshness(scan, newestKnownTs, nowMillis);
        CorrelationReport correlation = window.sample()
                ? new CorrelationReport(profile.numericalFeatures(), null, null, null, null, null, List.of(),
                "only the newest events of this sketch-mode window were read")
                : correlation(profile, numbers);

        Map<String, CheckVerdict> checks = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (QualityCheck check : QualityCheck.values()) {
            CheckVerdict verdict = switch (check) {
                case MISSING, RANGE, NEW_CATEGORY, CONSTANT -> window.sample()
                        ? new CheckVerdict(featureThreshold(check), null, false, List.of())
                        : perFeature(featureThreshold(check), check, violators, worst);
                case DUPLICATES -> count(thresholds.maxDuplicates(), duplicates);
                case SCHEMA -> count(thresholds.maxSchemaViolations(), schema.violations());
                case FRESHNESS -> new CheckVerdict(thresholds.freshnessSeconds(), freshness.ageSeconds(),
                        freshness.ageSeconds() != null && freshness.ageSeconds() > thresholds.freshnessSeconds(), null);
                case CORRELATION -> new CheckVerdict(thresholds.correlationChange(), correlation.maxChange(),
                        correlation.maxChange() != null && correlation.maxChange() > thresholds.correlationChange(),
                        correlation.maxChangePair());
            };
            checks.put(check.id(), verdict);
            if (verdict.violated()) {
                violations.add(check.id());
            }
        }
        return new DataQualityResult(model, window.windowStart(), window.windowEnd(), nowMillis, window.size(),
                scan.rows, window.sample(), violations.isEmpty(), List.copyOf(violations), checks, features,
                new DuplicateReport(duplicates, List.copyOf(scan.duplicateIds)), schema, freshness, correlation);
    }

    /** {@code numeric}: the feature's column in {@code numbers}, −1 for a feature that is not numerical. */
    private FeatureQuality featureQuality(FeatureProfile feature, WindowScan scan, int f, NumericColumns numbers,
                                          int numeric, Map<QualityCheck, List<String>> violators, Map<QualityCheck, Double> worst) {
        int rows = scan.rows;
        int present = scan.present[f];
        int wrongType = scan.wrongType[f];
        int missing = rows - present - wrongType;
        double referenceMissingShare = feature.missingShare();
        Double missingShare = rows == 0 ? null : (double) missing / rows;
        Double missingChange = missingShare == null ? null : missingShare - referenceMissingShare;
        List<String> violations = new ArrayList<>();
        if (missingChange != null) {
            judge(QualityCheck.MISSING, feature.name(), Math.abs(missingChange), thresholds.missingShareChange(),
                    violations, violators, worst);
        }
        String type = feature.type() == null ? null : feature.type().id();
        if (feature.numerical()) {
            double lowerQuantile = feature.quantile(thresholds.lowerQuantile());
            double upperQuantile = feature.quantile(thresholds.upperQuantile());
            NumericSummary summary = NumericSummary.of(numbers, numeric, feature.min(), feature.max(),
                    lowerQuantile, upperQuantile);
            boolean constant = present >= thresholds.constantMinSamples() && feature.distinct() > 1
                    && summary.min == summary.max;
            Double inRange = share(summary.outsideMinMax, present);
            Double inQuantiles = share(summary.outsideQuantiles, present);
            Double judged = thresholds.rangeBounds() == RangeBounds.MIN_MAX ? inRange : inQuantiles;
            if (judged != null) {
                judge(QualityCheck.RANGE, feature.name(), judged, thresholds.outOfRangeShare(), violations, violators,
                        worst);
            }
            judgeConstant(feature, constant, violations, violators, worst);
            return new FeatureQuality(type, present, missing, wrongType, missingShare, referenceMissingShare,
                    missingChange, finite(summary.min), finite(summary.max), finite(feature.min()),
                    finite(feature.max()), finite(lowerQuantile), finite(upperQuantile), inRange,
                    inQuantiles, null, null, null, constant, List.copyOf(violations));
        }
        if (feature.categorical()) {
            Map<String, int[]> counts = scan.labels[f];
            List<CategoryCount> unseen = new ArrayList<>();
            int unseenCount = 0;
            for (Map.Entry<String, int[]> entry : counts.entrySet()) {
                if (!feature.categories().contains(entry.getKey())) {
                    unseen.add(new CategoryCount(entry.getKey(), entry.getValue()[0]));
                    unseenCount += entry.getValue()[0];
                }
            }
            unseen.sort(Comparator.comparingInt(CategoryCount::count).reversed()
                    .thenComparing(CategoryCount::value));
            Double newShare = share(unseenCount, present);
            if (newShare != null) {
                judge(QualityCheck.NEW_CATEGORY, feature.name(), newShare, thresholds.newCategoryShare(), violations,
                        violators, worst);
            }
            boolean constant = present >= thresholds.constantMinSamples() && feature.distinct() > 1
                    && counts.size() == 1;
            judgeConstant(feature, constant, violations, violators, worst);
            return new FeatureQuality(type, present, missing, wrongType, missingShare, referenceMissingShare,
                    missingChange, null, null, null, null, null, null, null, null, counts.size(), newShare,
                    List.copyOf(unseen.subList(0, Math.min(unseen.size(), thresholds.topNewCategories()))), constant,
                    List.copyOf(violations));
        }
        return new FeatureQuality(null, present, missing, wrongType, missingShare, referenceMissingShare,
                missingChange, null, null, null, null, null, null, null, null, null, null, null, false,
                List.copyOf(violations));
    }

    private double featureThreshold(QualityCheck check) {
        return switch (check) {
            case MISSING -> thresholds.missingShareChange();
            case RANGE -> thresholds.outOfRangeShare();
            case NEW_CATEGORY -> thresholds.newCategoryShare();
            default -> 0;
        };
    }

    private static void judge(QualityCheck check, String feature, double value, double threshold,
                              List<String> featureViolations, Map<QualityCheck, List<String>> violators,
                              Map<QualityCheck, Double> worst) {
        worst.merge(check, value, Math::max);
        if (value > threshold) {
            featureViolations.add(check.id());
            violators.computeIfAbsent(check, c -> new ArrayList<>()).add(feature);
        }
    }

    private static void judgeConstant(FeatureProfile feature, boolean constant, List<String> featureViolations,
                                      Map<QualityCheck, List<String>> violators, Map<QualityCheck, Double> worst) {
        judge(QualityCheck.CONSTANT, feature.name(), constant ? 1 : 0, 0, featureViolations, violators, worst);
    }

    private static CheckVerdict perFeature(double threshold, QualityCheck check,
                                           Map<QualityCheck, List<String>> violators, Map<QualityCheck, Double> worst) {
        List<String> features = violators.getOrDefault(check, List.of());
        Double value = check == QualityCheck.CONSTANT ? Double.valueOf(features.size()) : worst.get(check);
        return new CheckVerdict(threshold, value, !features.isEmpty(), List.copyOf(features));
    }

    private static CheckVerdict count(long threshold, int value) {
        return new CheckVerdict(threshold, (double) value, value > threshold, null);
    }

    private SchemaReport schemaReport(QualityWindow window, WindowScan scan) {
        int unparsable = window.rejectedCount(EventRejection.UNPARSABLE);
        int unsupported = window.rejectedCount(EventRejection.UNSUPPORTED_VERSION);
        int invalid = window.rejectedCount(EventRejection.INVALID_ENVELOPE);
        int wrongType = Arrays.stream(scan.wrongType).sum();
        int unknown = scan.unknownFeatures.values().stream().mapToInt(c -> c[0]).sum();
        List<String> unknownNames = scan.unknownFeatures.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(thresholds.topNewCategories())
                .map(Map.Entry::getKey)
                .toList();
        return new SchemaReport(unparsable + unsupported + invalid + wrongType + unknown, unparsable, unsupported,
                invalid, wrongType, unknown, unknownNames);
    }

    private static FreshnessReport freshness(WindowScan scan, Long newestKnownTs, long nowMillis) {
        long newest = scan.newestTs;
        if (newestKnownTs != null) {
            newest = Math.max(newest, newestKnownTs);
        }
        if (newest == Long.MIN_VALUE) {
            return new FreshnessReport(null, null);
        }
        return new FreshnessReport(newest, Math.max(0, nowMillis - newest) / 1000.0);
    }

    private static CorrelationReport correlation(QualityProfile profile, NumericColumns numbers) {
        List<String> names = profile.numericalFeatures();
        if (profile.correlations().isEmpty()) {
            return new CorrelationReport(names, null, null, null, null, null, List.of(),
                    "reference columns differ in length, so reference rows are not aligned");
        }
        CorrelationMatrices reference = profile.correlations().get();
        CorrelationMatrices window = CorrelationMatrices.compute(names, numbers);
        CorrelationChange pearson = change(names, reference.pearson(), window.pearson());
        CorrelationChange spearman = change(names, reference.spearman(), window.spearman());
        List<SkippedFeature> skipped = new ArrayList<>();
        reference.skipped().forEach((feature, reason) -> skipped.add(new SkippedFeature(feature, "reference", reason)));
        window.skipped().forEach((feature, reason) -> skipped.add(new SkippedFeature(feature, "window", reason)));
        boolean spearmanLarger = spearman.maxChange() != null
                && (pearson.maxChange() == null || spearman.maxChange() > pearson.maxChange());
        CorrelationChange larger = spearmanLarger ? spearman : pearson;
        return new CorrelationReport(names, pearson, spearman, larger.maxChange(), larger.pair(),
                larger.maxChange() == null ? null : spearmanLarger ? "spearman" : "pearson", List.copyOf(skipped),
                null);
    }

    private static CorrelationChange change(List<String> names, double[][] reference, double[][] window) {
        int p = names.size();
        double[][] change = new double[p][p];
        double max = Double.NaN;
        List<String> pair = null;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                change[i][j] = window[i][j] - reference[i][j];
                double size = Math.abs(change[i][j]);
                if (j > i && !Double.isNaN(size) && !(size <= max)) {
                    max = size;
                    pair = List.of(names.get(i), names.get(j));
                }
            }
        }
        return new CorrelationChange(finite(max), pair, rows(reference), rows(window), rows(change));
    }

    private static List<List<Double>> rows(double[][] matrix) {
        List<List<Double>> rows = new ArrayList<>(matrix.length);
        for (double[] row : matrix) {
            List<Double> values = new ArrayList<>(row.length);
            for (double v : row) {
                values.add(finite(v));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Double share(int count, int of) {
        return of == 0 ? null : (double) count / of;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * Min, max and range counts of one numerical window column, from its merged distinct values
     * (no pass over the rows). Values and bounds are compared at
     * float32 precision: features are computed from float32 model data (scores, item tables), and a
     * reference written by a float32 tool ({@code 4.61}) must hold the served value {@code (double) 4.61f}
     * (docs/data-quality.md). A value beyond a bound is in range when both round to the same float.
     */
    private record NumericSummary(double min, double max, int outsideMinMax, int outsideQuantiles) {

        static NumericSummary of(NumericColumns numbers, int f, double low, double high, double lowQ, double highQ) {
            // a reference without numbers has NaN bounds: every comparison is false, nothing is out of range
            return new NumericSummary(numbers.min(f), numbers.max(f), outside(numbers, f, low, high),
                    outside(numbers, f, lowQ, highQ));
        }

        /**
         * Values below {@code low} or above {@code high}. Rounding to float keeps order, so the values
         * below a bound but not the same float are the smallest ones up to some value, as the
         * count needs.
         */
        private static int outside(NumericColumns numbers, int f, double low, double high) {
            return numbers.countOutside(f, v -> v < low && !sameFloat(v, low), v -> v > high && !sameFloat(v, high));
        }

        /** Equal once rounded to float32 (and within its range: beyond it every value would be infinity). */
        private static boolean sameFloat(double a, double b) {
            float rounded = (float) a;
            return rounded == (float) b && Float.isFinite(rounded);
        }
    }
}
