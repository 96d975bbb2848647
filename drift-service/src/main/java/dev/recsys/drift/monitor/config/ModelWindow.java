package dev.recsys.drift.monitor.config;

import dev.recsys.drift.engine.DriftMethod;
import dev.recsys.drift.engine.FeatureSpec;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The window settings in force for one model: the global ones with that model's overrides applied.
 *
 * @param events count-based window size (last N events) when present, else a time window of {@code size}
 */
public record ModelWindow(Duration size, Duration interval, OptionalInt events, int minSamples, double driftShare,
                          Map<String, FeatureSpec> features) {

    public static ModelWindow of(MonitorConfig config, String model) {
        MonitorConfig.WindowSettings base = config.window();
        MonitorConfig.ModelSettings own = config.models().get(model);
        if (own == null) {
            return new ModelWindow(base.size(), base.interval(), base.events(), base.minSamples(), base.driftShare(),
                    Map.of());
        }
        Map<String, FeatureSpec> features = new HashMap<>();
        own.features().forEach((feature, settings) -> {
            DriftMethod method = settings.method().map(id -> parseMethod(model, feature, id)).orElse(null);
            Double threshold = settings.threshold().isPresent() ? settings.threshold().getAsDouble() : null;
            features.put(feature, new FeatureSpec(method, threshold, null));
        });
        return new ModelWindow(
                own.size().orElse(base.size()),
                own.interval().orElse(base.interval()),
                own.events().isPresent() ? own.events() : base.events(),
                own.minSamples().orElse(base.minSamples()),
                own.driftShare().orElse(base.driftShare()),
                Map.copyOf(features));
    }

    private static DriftMethod parseMethod(String model, String feature, String id) {
        DriftMethod method = DriftMethod.fromId(id);
        if (method == null) {
            throw new IllegalArgumentException("drift.models.\"" + model + "\".features." + feature
                    + ".method: unknown method '" + id + "'");
        }
        return method;
    }
}
