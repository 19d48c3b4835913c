package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.Health;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The PostgreSQL store's health: one {@code SELECT 1} timed on a borrowed connection, the schema's
 * applied version from Flyway's history table, whether row level security binds the login
 * ({@link LoginCheck}), and the HikariCP pool's figures. Failures are reported, never thrown.
 */
final class StoreHealth {
    private StoreHealth() {
    }

    static Health check(DataSource dataSource, PostgresIamConfig config, boolean closed) {
        Optional<String> expected = Optional.of(IamMigrations.latestVersion());
        Optional<Health.Pool> pool = pool(dataSource);
        if (closed) {
            return new Health("postgres", false, Duration.ZERO, Optional.empty(), expected, pool, Optional.empty(),
                    Optional.of("the PostgreSQL store is closed"));
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            Optional<String> version = schemaVersion(c, config.schema());
            Optional<String> bypass = LoginCheck.bypass(c, config.schema());
            Optional<String> problem = version.isEmpty()
                    ? Optional.of("schema " + config.schema() + " has no iamkit migrations applied")
                    : Integer.parseInt(version.get()) < Integer.parseInt(expected.get())
                    ? Optional.of("schema " + config.schema() + " is at version " + version.get() + ", this library needs " + expected.get())
                    : bypass;
            return new Health("postgres", true, roundTrip, version, expected, pool(dataSource), Optional.of(bypass.isEmpty()), problem);
        } catch (SQLException | RuntimeException e) {
            return new Health("postgres", false, Duration.ZERO, Optional.empty(), expected, pool, Optional.empty(),
                    Optional.of("cannot reach PostgreSQL: " + e.getMessage()));
        }
    }

    /** The newest successfully applied version, or empty when the schema has no history table. */
    static Optional<String> schemaVersion(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
            ps.setString(1, "\"" + schema + "\"." + IamMigrations.HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM \"" + schema + "\"." + IamMigrations.HISTORY_TABLE
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private static Optional<Health.Pool> pool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && !hikari.isClosed()) {
            HikariPoolMXBean mx = hikari.getHikariPoolMXBean();
            if (mx != null) {
                return Optional.of(new Health.Pool(mx.getActiveConnections(), mx.getIdleConnections(), mx.getTotalConnections(),
                        mx.getThreadsAwaitingConnection()));
            }
        }
        return Optional.empty();
    }
}
