package dev.recsys.drift.monitor.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** History writes queued in Redis while PostgreSQL is unavailable ({@code drift.history-queue.*}). */
@ConfigMapping(prefix = "drift.history-queue")
public interface HistoryQueueConfig {

    /**
     * Most queued evaluations (all models together; one is a few kB); beyond it the oldest are
     * dropped and logged. 5,000 is 41 h of one model at the default 30 s interval.
     */
    @WithDefault("5000")
    int max();

    /** Queued evaluations written per monitor round once PostgreSQL is back. */
    @WithDefault("500")
    int flushBatch();
}
