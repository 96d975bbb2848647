package dev.recsys.common.rest;

import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which JDBC failures mean "PostgreSQL cannot be reached now" (503, retry) and which are bugs (500). */
class UnavailableTest {

    @Test
    void jdbcConnectionFailuresAndTimeoutsAreUnavailable() {
        assertTrue(Unavailable.isUnavailable(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(Unavailable.isUnavailable(new SQLException("canceling statement due to statement timeout", "57014")));
        assertTrue(Unavailable.isUnavailable(new SQLException("terminating connection", "57P01")));
        assertTrue(Unavailable.isUnavailable(new SQLException("Acquisition timeout while waiting for new connection")));
        assertTrue(Unavailable.isUnavailable(new SQLException("An I/O error occurred while sending to the backend",
                "08006", new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void statementBugsAreNot() {
        assertFalse(Unavailable.isUnavailable(new SQLException("syntax error at or near \"form\"", "42601")));
        assertFalse(Unavailable.isUnavailable(new SQLException("duplicate key value", "23505")));
    }
}
