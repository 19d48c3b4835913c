package dev.iamkit.jooq;

import dev.iamkit.migrations.IamMigrations;
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

    private CitusTestMode() {
    }

    /** True in the profile; there, a missing coordinator is an error, never a reason to test plain PostgreSQL instead. */
    static boolean on() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return false;
        }
        String url = System.getenv(URL_VARIABLE);
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
        IamMigrations.of(TestDataSources.admin(pg), schema, TestDataSources.APP_ROLE).distribute();
    }

    /**
     * Empties the fixture's tables on Citus: replica mode, which skips the audit trail's refusal of
     * TRUNCATE on plain PostgreSQL, does not reach the shards, so the refusal is disabled for the
     * reset and enabled again (Citus carries both to every shard).
     */
    static void emptyTables(PostgresTestDatabase pg, String schema, String tables) {
        pg.execute("SET citus.enable_unsafe_triggers = on; SET citus.multi_shard_modify_mode = 'sequential'; BEGIN; "
                + "ALTER TABLE " + schema + ".audit_event DISABLE TRIGGER audit_event_no_truncate; "
                + "TRUNCATE " + tables + " CASCADE; "
                + "ALTER TABLE " + schema + ".audit_event ENABLE TRIGGER audit_event_no_truncate; COMMIT");
    }
}
