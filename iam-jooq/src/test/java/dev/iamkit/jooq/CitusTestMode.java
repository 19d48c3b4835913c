package dev.iamkit.jooq;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.migrations.IamSchema;
import java.util.ArrayList;
import java.util.List;
import dev.iamkit.testkit.PostgresTestDatabase;

/**
 * The PostgreSQL suite run on a Citus coordinator (the Maven profile {@code citus}, which sets the
 * system property {@value #PROPERTY} and points the tests' server at {@code IAMKIT_TEST_CITUS_URL}):
 * each fixture's schema is distributed after its migration, and the store runs as on Citus
 * ({@code distributed}). Without the property, nothing here applies.
 */
final class CitusTestMode {
    static final String PROPERTY = "iamkit.test.citus";
    static final String URL_VARIABLE = "IAMKIT_TEST_CITUS_URL";
    private static boolean prepared;
    /**
     * Shards per distributed table of a test schema, instead of Citus's 32: every reset deletes from
     * every shard and every schema's distribution creates them, which made a class take minutes.
     * Routing is the same whatever the count; {@code CitusDistributionTest} keeps the default.
     */
    static final int SHARDS = 4;

    private CitusTestMode() {
    }

    /** True in the profile; there, a missing coordinator is an error, never a reason to test plain PostgreSQL instead. */
    static boolean on() {
        return on(Boolean.getBoolean(PROPERTY), System.getenv(URL_VARIABLE));
    }

    /** {@link #on()} for the profile's property and the coordinator's URL as given. */
    static boolean on(boolean profile, String url) {
        if (!profile) {
            return false;
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("the citus profile needs " + URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5433/iam)");
        }
        return true;
    }

    /**
     * Distributes {@code schema} (migrated) on the coordinator. The first time, gives the tests'
     * login the setting that carries {@code SET LOCAL} to the workers (a role's settings do not
     * pass to its members: the application role has it from {@code distribute}, the login needs
     * its own).
     */
    static synchronized void distribute(PostgresTestDatabase pg, String schema) {
        if (!prepared) {
            TestDataSources.app(pg);
            pg.execute("ALTER ROLE " + TestDataSources.APP_LOGIN + " SET citus.propagate_set_commands = 'local'");
            prepared = true;
        }
        String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20citus.shard_count%3D" + SHARDS;
        IamMigrations.of(TestDataSources.of(url, pg.user(), pg.password()), schema, TestDataSources.APP_ROLE).distribute();
    }

    /**
     * Empties the fixture's tables on Citus. Replica mode, which lets the plain reset past
     * the audit trail's refusal, does not reach the shards, and a TRUNCATE of every shard takes
     * seconds; rows are deleted instead, the tenant tables' by cascade from their organization
     * (the audit trail lets the events of an organization that is gone be deleted). Then one
     * statement checks that every table but the global counter is empty, so a reset never leaves
     * rows behind silently.
     */
    static void emptyTables(PostgresTestDatabase pg, String schema) {
        StringBuilder sql = new StringBuilder("BEGIN; ");
        for (String t : List.of("organization", "app_user", "module", "feature", "catalog_view", "menu_item", "rate_limit_window",
                "magic_link_challenge", "privacy_request", "user_session", "session_token", "api_key_lookup")) {
            sql.append("DELETE FROM ").append(schema).append('.').append(t).append("; ");
        }
        pg.execute(sql.append("COMMIT").toString());
        List<String> tables = new ArrayList<>(IamSchema.globalTables());
        tables.addAll(IamSchema.tenantTables());
        tables.remove("global_counter");
        String left = String.join(" UNION ALL ", tables.stream()
                .map(t -> "(SELECT '" + t + "' FROM " + schema + "." + t + " LIMIT 1)").toList());
        pg.execute("DO $$ DECLARE t text; BEGIN SELECT string_agg(x, ', ') INTO t FROM (" + left + ") l(x); "
                + "IF t IS NOT NULL THEN RAISE EXCEPTION 'the reset left rows in %', t; END IF; END $$");
    }
}
