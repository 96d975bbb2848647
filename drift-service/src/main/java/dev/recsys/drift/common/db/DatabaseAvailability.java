package dev.recsys.drift.common.db;

import java.time.Duration;
import java.util.Optional;

/**
 * What the service last saw of PostgreSQL. After a connection failure or timeout, callers that can
 * work without it (the monitor loop: cached references, queued history) skip it until
 * {@code retryAfter} has passed, so a hung server is waited for once per period, not on every call.
 */
public class DatabaseAvailability {

    private final long retryAfterMillis;
    private volatile long downSince;
    private volatile long lastFailure;
    private volatile String lastError;

    public DatabaseAvailability(Duration retryAfter) {
        this.retryAfterMillis = retryAfter.toMillis();
    }

    void failed(DatabaseException e) {
        long now = System.currentTimeMillis();
        if (downSince == 0) {
            downSince = now;
        }
        lastFailure = now;
        lastError = e.getMessage();
    }

    void succeeded() {
        downSince = 0;
        lastError = null;
    }

    /** Whether a caller that can do without PostgreSQL should skip it now (it failed less than retryAfter ago). */
    public boolean backingOff() {
        return downSince != 0 && System.currentTimeMillis() - lastFailure < retryAfterMillis;
    }

    /** Since when (epoch ms) PostgreSQL has been failing; empty while the last call succeeded. */
    public Optional<Long> downSince() {
        long since = downSince;
        return since == 0 ? Optional.empty() : Optional.of(since);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
