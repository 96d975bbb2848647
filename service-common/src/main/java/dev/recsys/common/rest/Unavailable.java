package dev.recsys.common.rest;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means "a store (PostgreSQL, Redis) cannot be reached right now", so that retrying later can help
 * (answered 503 with {@code Retry-After}), as opposed to a bug or bad data (500 / 400). Looks through the cause chain,
 * by type for the JDK's network failures and by class name for the Vert.x clients', which not every service has.
 */
public final class Unavailable {

    private static final Set<String> CLIENT_FAILURES = Set.of(
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.net.ConnectTimeoutException",
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.channel.AbstractChannel$AnnotatedConnectException");

    private Unavailable() {
    }

    public static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.SocketException || CLIENT_FAILURES.contains(t.getClass().getName())
                    || (t instanceof java.sql.SQLException sql && isConnectionState(sql.getSQLState()))
                    || isConnectionMessage(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's type and message, for the log (never for the client). */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && depth++ < 16) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** JDBC: connection exceptions (08xxx), a statement cancelled by its timeout (57014), the server shutting down (57P0x). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57014") || state.startsWith("57P0"));
    }

    private static boolean isConnectionMessage(String message) {
        return message != null && (message.startsWith("Connection refused")
                || message.contains("Failed to connect") || message.startsWith("Connection is closed")
                || message.contains("The timeout period of") || message.contains("Pool closed")
                || message.startsWith("Acquisition timeout"));
    }
}
