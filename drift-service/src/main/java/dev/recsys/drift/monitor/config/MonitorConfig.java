package dev.recsys.drift.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Window monitoring over the prediction streams ({@code drift.*}). Window settings given at the
 * top level are the defaults; {@code drift.models."<model>".*} overrides them per model.
 */
@ConfigMapping(prefix = "drift")
public interface MonitorConfig {

    /** Prefix of the monitored Redis streams; the rest of the key is the model name. */
    @WithDefault("ml:predictions:")
    String streamPrefix();

    /** Window, interval and sample settings every model starts from. */
    @WithParentName
    WindowSettings window();

    /** Raw events read at most for a count-based window or a production baseline. */
    @WithDefault("200000")
    int exactCap();

    /**
     * Memory a model's in-memory window may hold (rows of every event, about 170 bytes an event with
     * 7 features: 1M events ≈ 170 MB); a time window beyond it is evaluated from sketches.
     */
    @WithName("window-memory-mb")
    @WithDefault("256")
    int windowMemoryMb();

    /** Slack around a window when ranging stream ids (ids are XADD times, {@code ts} is event time). */
    @WithDefault("5s")
    Duration streamIdMargin();

    /** Root of the model repository whose {@code reference.json} files are the default references. */
    @WithDefault("${MODEL_REPOSITORY:./models}")
    String modelRepository();

    /** Trace page of a request; {@code {traceId}} is replaced. */
    @WithDefault("http://localhost:16686/trace/{traceId}")
    String jaegerUiUrl();

    /** Sample request traces linked from an evaluation span and listed in the report. */
    @WithDefault("10")
    int sampleTraces();

    /** How long evaluation history rows are kept. */
    @WithDefault("30d")
    Duration historyRetention();

    /**
     * Windows missed since a model's last evaluation (a replica killed mid-window, a round held up
     * by a PostgreSQL or Redis timeout) that the next round evaluates before the due one; after a
     * longer gap only the due window is evaluated.
     */
    @WithDefault("4")
    int catchUpWindows();

    /** How often the scheduler looks for new streams and due evaluations. */
    @WithDefault("5s")
    Duration tick();

    /** Whether this instance runs the scheduler (whose evaluations also feed the sketches) (off in some tests and tools). */
    @WithDefault("true")
    boolean schedulerEnabled();

    Sketch sketch();

    /** Per-model overrides, keyed by model name. */
    Map<String, ModelSettings> models();

    interface WindowSettings {
        /** Length of the sliding time window. */
        @WithName("window-size")
        @WithDefault("15m")
        Duration size();

        /** Time between two evaluations of a model. */
        @WithName("evaluation-interval")
        @WithDefault("30s")
        Duration interval();

        /** Count-based window: the last N events instead of a time window. */
        @WithName("window-events")
        OptionalInt events();

        /** Below this many events the status is {@code insufficient_data} and carries no verdict. */
        @WithName("min-samples")
        @WithDefault("200")
        int minSamples();

        /** Dataset drift when the share of drifted features reaches this. */
        @WithName("drift-share")
        @WithDefault("0.5")
        double driftShare();

        /**
         * False-alarm probability per feature and evaluation of the calibrated ({@code auto}) thresholds
         * (docs/statistics.md §6); 7 features every 30 s expect 7 × 2,880 × 1e-5 ≈ 0.2 false alarms a day.
         */
        @WithDefault("1e-5")
        double alpha();
    }

    interface ModelSettings {
        @WithName("window-size")
        Optional<Duration> size();

        @WithName("evaluation-interval")
        Optional<Duration> interval();

        @WithName("window-events")
        OptionalInt events();

        @WithName("min-samples")
        OptionalInt minSamples();

        @WithName("drift-share")
        OptionalDouble driftShare();

        OptionalDouble alpha();

        /** Per-feature method and threshold, e.g. {@code features.user_mean_rating.method=psi}. */
        Map<String, FeatureSettings> features();
    }

    interface FeatureSettings {
        Optional<String> method();

        /** {@code auto} (calibrated, the default) or a fixed number (Evidently-compatible). */
        Optional<String> threshold();
    }

    interface Sketch {
        /** KLL accuracy parameter; normalized rank error ≈ 1.65 / k^0.935 (k=200 → 1.33%). */
        @WithDefault("200")
        int kllK();

        /** Frequent-items map size (power of 2); counts are exact while a feature has fewer than 0.75 × this many labels. */
        @WithDefault("256")
        int itemsMapSize();

        /** Bucket keys live this long beyond the largest window. */
        @WithDefault("10m")
        Duration retentionMargin();
    }
}
