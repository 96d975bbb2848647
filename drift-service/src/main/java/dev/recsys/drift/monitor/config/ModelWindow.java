package dev.recsys.drift.monitor.config;

import dev.recsys.drift.engine.DriftMethod;
import dev.recsys.drift.engine.FeatureSpec;
import dev.recsys.drift.engine.ThresholdCalibration;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The window settings in force for one model: the global ones with that model's overrides applied.
 *
 * @param events   count-based window size (last N events) when present, else a time window of {@code size}
 * @param alpha    false-alarm probability per feature and evaluation of the calibrated thresholds
 * @param features the configured features' specs; {@link #spec} gives every feature's
 */
public record ModelWindow(Duration size, Duration interval, OptionalInt events, int minSamples, double driftShare,
                          double alpha, Map<String, FeatureSpec> features) {

    private static final String AUTO = "auto";

    public static ModelWindow of(MonitorConfig config, String model) {
        MonitorConfig.WindowSettings base = config.window();
        MonitorConfig.ModelSettings own = config.models().get(model);
        if (own == null) {
            return new ModelWindow(base.size(), base.interval(), base.events(), base.minSamples(), base.driftShare(),
                    checkedAlpha("drift.alpha", base.alpha()), Map.of());
        }
        double alpha = own.alpha().isPresent()
                ? checkedAlpha("drift.models.\"" + model + "\".alpha", own.alpha().getAsDouble())
                : checkedAlpha("drift.alpha", base.alpha());
        Map<String, FeatureSpec> features = new HashMap<>();
        own.features().forEach((feature, settings) -> {
            String key = "drift.models.\"" + model + "\".features." + feature;
            DriftMethod method = settings.method().map(id -> parseMethod(key, id)).orElse(null);
            features.put(feature, spec(key, method, settings.threshold().orElse(null), alpha));
        });
        return new ModelWindow(
                own.size().orElse(base.size()),
                own.interval().orElse(base.interval()),
                own.events().isPresent() ? own.events() : base.events(),
                own.minSamples().orElse(base.minSamples()),
                own.driftShare().orElse(base.driftShare()),
                alpha,
                Map.copyOf(features));
    }

    /**
     * The spec of a feature: as configured, otherwise the monitor's default, a calibrated threshold
     * on a two-sample test (ks for numbers, chisquare_2s for categories; docs/statistics.md §6).
     */
    public FeatureSpec spec(String feature) {
        FeatureSpec configured = features.get(feature);
        return configured != null ? configured : FeatureSpec.auto(null, alpha, null);
    }

    /**
     * A number is a fixed threshold; {@code auto} or nothing is calibrated at the model's alpha, except
     * for Evidently's goodness-of-fit {@code chisquare}, which keeps its fixed default when no threshold is given.
     */
    private static FeatureSpec spec(String key, DriftMethod method, String threshold, double alpha) {
        if (threshold == null) {
            return method != null && !method.calibratable() ? new FeatureSpec(method, null, null)
                    : FeatureSpec.auto(method, alpha, null);
        }
        if (AUTO.equals(threshold.trim())) {
            if (method != null && !method.calibratable()) {
                throw new IllegalArgumentException(key + ".threshold: auto needs a two-sample test or a distance; '"
                        + method.id() + "' is Evidently's goodness-of-fit test: use chisquare_2s");
            }
            return FeatureSpec.auto(method, alpha, null);
        }
        double value;
        try {
            value = Double.parseDouble(threshold.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ".threshold: expected auto or a number, got '" + threshold + "'");
        }
        if (method != null && !method.acceptsThreshold(value) || !Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(key + ".threshold: " + value + " is out of range for "
                    + (method == null ? "any method" : "method '" + method.id() + "'"));
        }
        return new FeatureSpec(method, value, null);
    }

    private static double checkedAlpha(String key, double alpha) {
        if (!ThresholdCalibration.acceptsAlpha(alpha)) {
            throw new IllegalArgumentException(key + ": must be in (0, 1), got " + alpha);
        }
        return alpha;
    }

    private static DriftMethod parseMethod(String key, String id) {
        DriftMethod method = DriftMethod.fromId(id);
        if (method == null) {
            throw new IllegalArgumentException(key + ".method: unknown method '" + id + "'");
        }
        return method;
    }
}
