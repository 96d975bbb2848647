package dev.recsys.drift.quality.metrics;

import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.FeatureQuality;
import dev.recsys.drift.quality.check.QualityCheck;
import dev.recsys.drift.quality.check.RangeBounds;
import dev.recsys.common.metrics.SettableGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Data-quality metrics: gauges that follow each model's latest evaluated window, a violation
 * counter that counts each window once per violated check (re-evaluating the same window, e.g. an
 * admin {@code evaluate} right after the scheduler, adds nothing), and a freshness gauge computed
 * at scrape time from the newest event seen, so it keeps growing while no events arrive.
 */
@ApplicationScoped
public class DataQualityMetrics {

    /** Windows remembered per model to recognise a re-evaluation. */
    private static final int REMEMBERED_WINDOWS = 256;

    private final MeterRegistry registry;
    private final SettableGauges gauges;
    private final LongSupplier clock;
    private final Map<String, AtomicLong> newestEvents = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> countedWindows = new ConcurrentHashMap<>();

    @Inject
    public DataQualityMetrics(MeterRegistry registry, SettableGauges gauges) {
        this(registry, gauges, System::currentTimeMillis);
    }

    /** @param clock epoch ms, for the freshness gauge */
    public DataQualityMetrics(MeterRegistry registry, SettableGauges gauges, LongSupplier clock) {
        this.registry = registry;
        this.gauges = gauges;
        this.clock = clock;
    }

    /**
     * Publishes one evaluated window.
     *
     * @param bounds which out-of-range share the range gauge shows (the one the range check judges)
     */
    public void publish(DataQualityResult result, RangeBounds bounds) {
        String model = result.model();
        // a sketch-mode sample judges no feature: the feature gauges keep the latest full window's values
        if (!result.sample()) {
            result.features().forEach((feature, quality) -> publishFeature(model, feature, quality, bounds));
            gauges.set("feature.correlation.change.max", "Largest |window - reference| Pearson or Spearman coefficient",
                    value(result.correlation().maxChange()), "model", model);
        }
        if (result.freshness().newestEventTs() != null) {
            newestEvent(model).accumulateAndGet(result.freshness().newestEventTs(), Math::max);
        }
        countViolations(result);
    }

    /** Newest event ts published for the model, or {@code null}: lets a caller carry freshness over empty windows. */
    public Long newestEventTs(String model) {
        AtomicLong newest = newestEvents.get(model);
        return newest == null || newest.get() == Long.MIN_VALUE ? null : newest.get();
    }

    private void publishFeature(String model, String feature, FeatureQuality quality, RangeBounds bounds) {
        gauges.set("data.quality.missing.share", "Share of window events without the feature",
                value(quality.missingShare()), "model", model, "feature", feature);
        gauges.set("data.quality.missing.share.change", "Window minus reference missing share of the feature",
                value(quality.missingShareChange()), "model", model, "feature", feature);
        if ("numerical".equals(quality.type())) {
            Double share = bounds == RangeBounds.MIN_MAX ? quality.outOfRangeShare() : quality.outOfQuantileRangeShare();
            gauges.set("data.quality.out.of.range.share", "Share of the feature's window values outside the reference range",
                    value(share), "model", model, "feature", feature);
        } else if ("categorical".equals(quality.type())) {
            gauges.set("data.quality.new.category.share", "Share of the feature's window values unseen in the reference",
                    value(quality.newCategoryShare()), "model", model, "feature", feature);
        }
    }

    private AtomicLong newestEvent(String model) {
        return newestEvents.computeIfAbsent(model, m -> {
            AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("data.freshness.seconds", newest, n -> n.get() == Long.MIN_VALUE ? Double.NaN
                            : Math.max(0, clock.getAsLong() - n.get()) / 1000.0)
                    .description("Age of the newest prediction event of the model")
                    .tag("model", m).register(registry);
            return newest;
        });
    }

    private void countViolations(DataQualityResult result) {
        String model = result.model();
        Set<Long> counted = countedWindows.computeIfAbsent(model, m -> Collections.synchronizedSet(
                Collections.newSetFromMap(new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                        return size() > REMEMBERED_WINDOWS;
                    }
                })));
        // a window is identified by its end, as in the evaluation history
        boolean firstTime = counted.add(result.windowEnd());
        for (QualityCheck check : QualityCheck.values()) {
            Counter counter = violations(registry, model, check);
            if (firstTime && result.violations().contains(check.id())) {
                counter.increment();
            }
        }
    }

    /** Registers {@code data_quality_violations_total{model,check}} at 0 for every check of the model. */
    public static void registerViolations(MeterRegistry registry, String model) {
        for (QualityCheck check : QualityCheck.values()) {
            violations(registry, model, check);
        }
    }

    private static Counter violations(MeterRegistry registry, String model, QualityCheck check) {
        return Counter.builder("data.quality.violations")
                .description("Evaluated windows that violated a data-quality check")
                .tags("model", model, "check", check.id()).register(registry);
    }

    private static double value(Double share) {
        return share == null ? Double.NaN : share;
    }
}
