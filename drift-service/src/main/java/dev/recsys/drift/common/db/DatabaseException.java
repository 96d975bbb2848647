package dev.recsys.drift.common.db;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * A failed PostgreSQL call. {@link #retryable()} when retrying can help: no connection, a timeout,
 * the server shutting down or out of resources, a serialization conflict. The REST layer answers
 * those 503 with {@code Retry-After}; anything else (a bug in a statement) stays a 500.
 */
public class DatabaseException extends RuntimeException {

    private final boolean retryable;

    public DatabaseException(SQLException cause) {
        this(cause, retryable(cause));
    }

    private DatabaseException(SQLException cause, boolean retryable) {
        super("PostgreSQL: " + cause.getMessage(), cause);
        this.retryable = retryable;
    }

    /**
     * No connection could be had, whatever the driver's state says: a connect interrupted by the pool's
     * acquisition timeout (PostgreSQL frozen) is "XX000", yet only PostgreSQL's availability failed.
     */
    public static DatabaseException noConnection(SQLException cause) {
        return new DatabaseException(cause, true);
    }

    public boolean retryable() {
        return retryable;
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        // no state: the pool's acquisition timeout or a driver-side I/O failure
        return e instanceof SQLTransientException || state == null || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57") || state.equals("40001") || state.equals("40P01");
    }
}
