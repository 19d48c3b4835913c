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
        String url = env.getOrDefault(MIGRATION_URL, "");
        if (url.isBlank()) {
            url = env.getOrDefault(IamDatabases.DATABASE_URL, "");
        }
        if (url.isBlank()) {
            throw new ConfigurationException("set DATABASE_URL (or IAMKIT_MIGRATION_URL) to the PostgreSQL database to migrate");
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        PostgresIamConfig config = PostgresIamConfig.fromSettings(env);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(parsed.jdbcUrl());
        parsed.user().ifPresent(hc::setUsername);
        parsed.password().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(3); // Flyway holds a second connection for its lock
        hc.setPoolName("iamkit-migrate");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot connect to " + parsed + ": " + e.getMessage(), e);
        }
        return new Schema(pool, IamMigrations.of(pool, config.schema(), config.appRole()));
    }

    @Override
    public void close() {
        pool.close();
    }
}
