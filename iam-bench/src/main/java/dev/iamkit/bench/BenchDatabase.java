package dev.iamkit.bench;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.StorageException;
import dev.iamkit.jooq.DatabaseUrl;
import dev.iamkit.migrations.IamMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The runner's side of the PostgreSQL benchmarks: with an owner's URL it creates fresh schemas,
 * migrates them, and makes sure the benchmark login exists (a member of the application role
 * only, so row level security is in force in every benchmark).
 */
final class BenchDatabase {
    static final String LOGIN = "iamkit_bench_login";
    static final String LOGIN_PASSWORD = "iamkit-bench";

    private final DatabaseUrl url;

    BenchDatabase(String ownerUrl) {
        this.url = DatabaseUrl.parse(ownerUrl);
    }

    Connection connect() {
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null));
        } catch (SQLException e) {
            throw new StorageException("cannot connect to " + url + ": " + e.getMessage(), e, true);
        }
    }

    void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StorageException("benchmark setup failed: " + e.getMessage() + " (the benchmarks need an owner's DATABASE_URL, e.g. postgres)", e, false);
        }
    }

    /** Drops and recreates {@code schema} at the latest version; returns where the benchmark login finds it. */
    BenchTarget freshSchema(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new ConfigurationException("not a schema name: " + schema);
        }
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute("CREATE SCHEMA " + schema);
        IamMigrations.of(ownerDataSource(), schema, IamMigrations.DEFAULT_APP_ROLE).migrate();
        execute("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '%2$s';
                    END IF;
                END
                $$""".formatted(LOGIN, LOGIN_PASSWORD));
        execute("GRANT " + IamMigrations.DEFAULT_APP_ROLE + " TO " + LOGIN);
        return new BenchTarget(url.jdbcUrl(), LOGIN, LOGIN_PASSWORD, schema);
    }

    /**
     * Folds every role's grants into its {@code role_access} row (V25), as the store does when it
     * writes grants: worlds written with SQL would otherwise be compiled from the grants themselves.
     */
    void refoldRoles(String schema) {
        execute("""
                SELECT count(*) FROM (SELECT %1$s.refresh_role_access(o.id, ARRAY(SELECT r.id FROM %1$s.role r WHERE r.org_id = o.id))
                                        FROM %1$s.organization o) x""".formatted(schema));
    }

    void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private DataSource ownerDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        url.user().ifPresent(ds::setUser);
        url.password().ifPresent(ds::setPassword);
        return ds;
    }
}
