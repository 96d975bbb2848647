package dev.recsys.drift.quality.metrics;

import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.FeatureQuality;
import dev.recsys.drift.quality.check.QualityCheck;
import dev.recsys.drift.quality.check.RangeBounds;
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
    private final LongSupplier clock;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> newestEvents = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> countedWindows = new ConcurrentHashMap<>();

    @Inject
    public DataQualityMetrics(MeterRegistry registry) {
        this(registry, System::currentTimeMillis);
    }

    /** @param clock epoch ms, for the freshness gauge */
    public DataQualityMetrics(MeterRegistry registry, LongSupplier clock) {
        this.registry = registry;
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
            gauge("feature_correlation_change_max", "Largest |window - reference| Pearson or Spearman coefficient",
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
        gauge("data_quality_missing_share", "Share of window events without the feature",
                value(quality.missingShare()), "model", model, "feature", feature);
        gauge("data_quality_missing_share_change", "Window minus reference missing share of the feature",
                value(quality.missingShareChange()), "model", model, "feature", feature);
        if ("numerical".equals(quality.type())) {
            Double share = bounds == RangeBounds.MIN_MAX ? quality.outOfRangeShare() : quality.outOfQuantileRangeShare();
            gauge("data_quality_out_of_range_share", "Share of the feature's window values outside the reference range",
                    value(share), "model", model, "feature", feature);
        } else if ("categorical".equals(quality.type())) {
            gauge("data_quality_new_category_share", "Share of the feature's window values unseen in the reference",
                    value(quality.newCategoryShare()), "model", model, "feature", feature);
        }
    }

    private AtomicLong newestEvent(String model) {
        return newestEvents.computeIfAbsent(model, m -> {
            AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("data_freshness_seconds", newest, n -> n.get() == Long.MIN_VALUE ? Double.NaN
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
            // registered at zero so that rate() and dashboards see every check from the start
            Counter counter = Counter.builder("data_quality_violations")
                    .description("Evaluated windows that violated a data-quality check")
                    .tags("model", model, "check", check.id()).register(registry);
            if (firstTime && result.violations().contains(check.id())) {
                counter.increment();
            }
        }
    }

    private void gauge(String name, String description, double value, String... tags) {
        String id = name + '\u0000' + String.join("\u0000", tags);
        gauges.computeIfAbsent(id, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get())).description(description).tags(tags)
                    .register(registry);
            return holder;
        }).set(Double.doubleToLongBits(value));
    }

    private static double value(Double share) {
        return share == null ? Double.NaN : share;
    }
}
