package dev.recsys.drift.common.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Timeouts of the service's PostgreSQL calls ({@code drift.database.*}); connecting, acquiring a
 * connection and socket reads are bounded by the datasource settings in application.properties.
 */
@ConfigMapping(prefix = "drift.database")
public interface DatabaseConfig {

    /** Longest a statement may run (JDBC query timeout; the server's statement_timeout is set alike). */
    @WithDefault("5s")
    Duration queryTimeout();

    /** After a failed call, how long the monitor loop works from its caches before trying PostgreSQL again. */
    @WithDefault("5s")
    Duration retryAfterFailure();
}
