package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.iamkit.migrations.IamSchema;
import dev.iamkit.model.Health;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The PostgreSQL store's health: one {@code SELECT 1} timed on a borrowed connection, the schema's
 * applied version from Flyway's history table, whether row level security binds the login
 * ({@link LoginCheck}), and the HikariCP pool's figures. Failures are reported, never thrown.
 *
 * <p>Answered within the configured health timeout whatever the server does: the probe runs on a
 * virtual thread of its own, with the same bound on the connection's socket, and a caller that
 * has waited long enough is told the store did not answer. A pool may make a borrower wait far
 * longer (HikariCP's default is 30 s), so a probe may outlive its caller; callers that come while
 * one is under way wait for that one rather than start another, so an outage never piles them up.
 */
final class StoreHealth {
    private final DataSource dataSource;
    private final PostgresIamConfig config;
    private final AtomicReference<CompletableFuture<Health>> probe = new AtomicReference<>();

    StoreHealth(DataSource dataSource, PostgresIamConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    Health check(boolean closed) {
        if (closed) {
            return unreachable("the PostgreSQL store is closed");
        }
        CompletableFuture<Health> running = probe.get();
        if (running == null || running.isDone()) {
            CompletableFuture<Health> mine = new CompletableFuture<>();
            if (probe.compareAndSet(running, mine)) {
                Thread.ofVirtual().name("iamkit-health").start(() -> mine.complete(probe()));
                running = mine;
            } else {
                running = probe.get();
            }
        }
        Duration timeout = config.healthTimeout();
        try {
            return running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return unreachable("PostgreSQL did not answer within " + PostgresIamConfig.seconds(timeout) + " s (" + PostgresIamConfig.HEALTH_TIMEOUT + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted while waiting for PostgreSQL to answer");
        } catch (ExecutionException e) {
            return unreachable("cannot reach PostgreSQL: " + e.getCause());
        }
    }

    private Health unreachable(String problem) {
        return new Health("postgres", false, Duration.ZERO, Optional.empty(), Optional.of(IamSchema.latestVersion()), pool(dataSource),
                Optional.empty(), Optional.of(problem));
    }

    private Health probe() {
        Optional<String> expected = Optional.of(IamSchema.latestVersion());
        try (Connection c = dataSource.getConnection()) {
            int socketTimeout = c.getNetworkTimeout();
            // the same bound on the wire, so a probe of a server that stopped answering ends too
            c.setNetworkTimeout(Runnable::run, (int) config.healthTimeout().toMillis());
            try {
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
            } finally {
                restore(c, socketTimeout);
            }
        } catch (SQLException | RuntimeException e) {
            return unreachable("cannot reach PostgreSQL: " + e.getMessage());
        }
    }

    /** A host's pool gets its connection back as it lent it; a connection the probe lost cannot be, and that is not the news. */
    private static void restore(Connection c, int socketTimeout) {
        try {
            c.setNetworkTimeout(Runnable::run, socketTimeout);
        } catch (SQLException | RuntimeException ignored) {
            // the probe's own failure is what health reports
        }
    }

    /** The newest successfully applied version, or empty when the schema has no history table. */
    static Optional<String> schemaVersion(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
            ps.setString(1, "\"" + schema + "\"." + IamSchema.HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM \"" + schema + "\"." + IamSchema.HISTORY_TABLE
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
