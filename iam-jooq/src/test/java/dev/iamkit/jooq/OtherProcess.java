package dev.iamkit.jooq;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.testkit.PostgresTestDatabase;

/**
 * A second store over a test schema, with a pool, a cache and a change listener of its own: to
 * the database, another process.
 */
final class OtherProcess implements AutoCloseable {
    private final HikariDataSource pool;
    final PostgresIam db;

    OtherProcess(String schema, String poolName) {
        this(PostgresIamConfig.defaults().withSchema(schema), poolName);
    }

    OtherProcess(PostgresIamConfig config, String poolName) {
        pool = TestDataSources.appPool(PostgresTestDatabase.get(), poolName, 4);
        PostgresIam opened;
        try {
            opened = PostgresIam.create(pool, config);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        db = opened;
    }

    /** Closes both, each however the other fared; null-safe for a test's {@code @AfterEach}. */
    static void closeAll(OtherProcess other, AutoCloseable first) throws Exception {
        try {
            if (other != null) {
                other.close();
            }
        } finally {
            if (first != null) {
                first.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            pool.close();
        }
    }
}
