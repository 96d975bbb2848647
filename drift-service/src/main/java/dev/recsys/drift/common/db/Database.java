package dev.recsys.drift.common.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blocking JDBC on the service's one datasource (Agroal, the one Flyway migrates). Every statement
 * gets the query timeout of {@link DatabaseConfig}; the connection settings in
 * {@code application.properties} bound connecting, acquiring and every socket read, so a hung
 * PostgreSQL costs a caller seconds, never a frozen thread. Failures are
 * {@link DatabaseException}s; {@link #availability()} remembers the last one so callers that can
 * go on without the database (the monitor loop) skip it for a while instead of waiting again.
 */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;
    private final DatabaseConfig config;
    private final DatabaseAvailability availability;

    public Database(AgroalDataSource dataSource, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.availability = new DatabaseAvailability(config.retryAfterFailure());
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Statements run inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    /** Statements of one transaction on one connection. */
    public final class Transaction {

        private final Connection connection;

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        public int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        }

        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        }
    }

    public DatabaseAvailability availability() {
        return availability;
    }

    /** Runs {@code work} in one transaction, committed when it returns. */
    public <T> T transaction(Work<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Transaction(connection));
                connection.commit();
                availability.succeeded();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public int update(String sql, Object... params) {
        return transaction(tx -> tx.update(sql, params));
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return transaction(tx -> tx.query(sql, mapper, params));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return query(sql, mapper, params).stream().findFirst();
    }

    private PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout((int) Math.max(1, config.queryTimeout().toSeconds()));
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            statement.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        return statement;
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failed(DatabaseException.noConnection(e));
        }
    }

    private DatabaseException failed(SQLException e) {
        return failed(new DatabaseException(e));
    }

    private DatabaseException failed(DatabaseException failure) {
        if (failure.retryable()) {
            availability.failed(failure);
        }
        return failure;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it returns it to the pool, which discards it
        }
    }

    /** A nullable {@code double precision} column. */
    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** A nullable {@code integer} column. */
    public static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /** A nullable {@code boolean} column. */
    public static Boolean nullableBoolean(ResultSet row, String column) throws SQLException {
        boolean value = row.getBoolean(column);
        return row.wasNull() ? null : value;
    }

    /** A {@code timestamptz} column as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
