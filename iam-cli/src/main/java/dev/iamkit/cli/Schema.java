package dev.iamkit.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.IamDatabases;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.jooq.DatabaseUrl;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.migrations.IamMigrations;
import java.util.Map;

/**
 * Opens the migrations of the schema named by the environment ({@code DATABASE_URL},
 * {@code IAMKIT_SCHEMA}, {@code IAMKIT_APP_ROLE}); {@code IAMKIT_MIGRATION_URL}, when set, is
 * used instead of {@code DATABASE_URL}, so migrations can run as the schema owner while the
 * application connects as its own role.
 */
final class Schema implements AutoCloseable {
    static final String MIGRATION_URL = "IAMKIT_MIGRATION_URL";
    private final HikariDataSource pool;
    final IamMigrations migrations;

    private Schema(HikariDataSource pool, IamMigrations migrations) {
        this.pool = pool;
        this.migrations = migrations;
    }

    static Schema open(Map<String, String> env) {
        PostgresIamConfig config = PostgresIamConfig.fromSettings(env);
        HikariDataSource pool = ownerPool(env, "iamkit-migrate", 3);   // Flyway holds a second connection for its lock
        return new Schema(pool, IamMigrations.of(pool, config.schema(), config.appRole()));
    }

    /**
     * A pool on {@code IAMKIT_MIGRATION_URL}, or else {@code DATABASE_URL}: the owner's login for
     * the commands that work on the schema as a whole (migrate, export, import).
     *
     * @throws ConfigurationException when neither is set or the database cannot be reached
     */
    static HikariDataSource ownerPool(Map<String, String> env, String name, int size) {
        String url = ownerUrl(env);
        if (url.isBlank()) {
            throw new ConfigurationException("set DATABASE_URL (or IAMKIT_MIGRATION_URL) to the PostgreSQL database to migrate");
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(parsed.jdbcUrl());
        parsed.user().ifPresent(hc::setUsername);
        parsed.password().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(size);
        hc.setPoolName(name);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot connect to " + parsed + ": " + e.getMessage(), e);
        }
    }

    /** {@code IAMKIT_MIGRATION_URL}, or else {@code DATABASE_URL}; blank when neither is set. */
    static String ownerUrl(Map<String, String> env) {
        String url = env.getOrDefault(MIGRATION_URL, "");
        return url.isBlank() ? env.getOrDefault(IamDatabases.DATABASE_URL, "") : url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
