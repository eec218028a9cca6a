package org.keybridge.portal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.keybridge.portal.PortalException;

/**
 * Where a portal keeps accounts, bindings and reset codes: any JDBC {@link DataSource}, brought to the current schema
 * by Flyway when opened (migrations in {@code org/keybridge/portal/store/migration}, SQL portable between H2 and
 * PostgreSQL).
 *
 * <ul>
 *   <li>{@link #h2(Path)}: the default, an embedded H2 database in one file under {@code dir} (a demo, one portal
 *       process);</li>
 *   <li>{@link #jdbc(String, String, String)}: by URL, e.g. {@code jdbc:postgresql://db:5432/portal} for a portal
 *       on several machines;</li>
 *   <li>{@link #of(DataSource)}: the application's own (pooled) data source.</li>
 * </ul>
 */
public final class PortalDatabase implements AutoCloseable {

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException, PortalException;
    }

    private final DataSource dataSource;
    private final AutoCloseable closer;
    private final int migrationsApplied;

    private PortalDatabase(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.closer = closer;
        this.migrationsApplied = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:org/keybridge/portal/store/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** An embedded H2 database in {@code dir/portal.mv.db}, created and migrated if needed. */
    public static PortalDatabase h2(Path dir) {
        Path file = dir.toAbsolutePath().resolve("portal");
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "portal", "");
        return new PortalDatabase(pool, pool::dispose);
    }

    /**
     * A database by JDBC URL ({@code jdbc:postgresql:…} or {@code jdbc:h2:…}): a new connection per unit of work, no
     * pool (use {@link #of(DataSource)} with a pool in production).
     */
    public static PortalDatabase jdbc(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        return new PortalDatabase(new DriverManagerDataSource(url, user, password), () -> {});
    }

    /** The application's data source; closing this object does not close it. */
    public static PortalDatabase of(DataSource dataSource) {
        return new PortalDatabase(Objects.requireNonNull(dataSource, "dataSource"), () -> {});
    }

    /** How many migrations this open applied (0 when the schema was already current). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(Work<T> work) throws PortalException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | PortalException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("database failure: " + e.getMessage(), e);
        }
    }

    /** Like {@link #transaction} for work that refuses nothing. */
    public <T> T read(Work<T> work) {
        try {
            return transaction(work);
        } catch (PortalException e) {
            throw new IllegalStateException("a read refused: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new StorageException("closing the database: " + e.getMessage(), e);
        }
    }

    /** A minimal DataSource over DriverManager. */
    private record DriverManagerDataSource(String url, String user, String password) implements DataSource {
        @Override public Connection getConnection() throws SQLException { return DriverManager.getConnection(url, user, password); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return DriverManager.getConnection(url, u, p); }
        @Override public java.io.PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(java.io.PrintWriter out) {}
        @Override public void setLoginTimeout(int seconds) { DriverManager.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() { return DriverManager.getLoginTimeout(); }
        @Override public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getLogger("org.keybridge.portal.store"); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
