package dev.recsys.drift.monitor.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Archived drift reports ({@code drift.reports.*}). */
@ConfigMapping(prefix = "drift.reports")
public interface ReportArchiveConfig {

    /** A model's report is archived when this long has passed since its last archived one, verdict changed or not. */
    @WithDefault("24h")
    Duration archiveEvery();

    /** Archived reports older than this are deleted (hourly, with the evaluation history). */
    @WithDefault("90d")
    Duration retention();
}
