package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A store on a fixture's schema over a pool of one connection, as the application login, its cache
 * off: every call goes to the server on that one connection, so what the server holds prepared for
 * it ({@code pg_prepared_statements}) is what the store's calls left there.
 */
record OneConnectionStore(HikariDataSource pool, PostgresIam db) implements AutoCloseable {

    static OneConnectionStore open(PostgresFixture fixture, String poolName) {
        fixture.open(new MutableClock()).close();   // the schema, migrated
        HikariDataSource pool = TestDataSources.appPool(PostgresTestDatabase.get(), poolName, 1);
        try {
            return new OneConnectionStore(pool, PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(fixture.schema()).withCacheSize(0)));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** For each statement like {@code pattern} the connection holds prepared on the server: how often it ran. */
    List<Long> executions(String pattern) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return executions(c, pattern);
        }
    }

    /** For each statement like {@code pattern} that {@code c}'s session holds prepared on the server: how often it ran. */
    static List<Long> executions(Connection c, String pattern) throws SQLException {
        return column(c, "generic_plans + custom_plans", pattern);
    }

    /** {@code counted} (an expression of {@code pg_prepared_statements}' columns) for each statement like {@code pattern} that {@code c}'s session holds. */
    private static List<Long> column(Connection c, String counted, String pattern) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + counted + " FROM pg_prepared_statements WHERE statement LIKE ? ORDER BY 1")) {
            ps.setString(1, pattern);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** For each statement like {@code pattern} the connection holds prepared on the server: how often it ran with its generic plan. */
    List<Long> genericPlans(String pattern) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return column(c, "generic_plans", pattern);
        }
    }

    @Override
    public void close() {
        db.close();
        pool.close();
    }
}
