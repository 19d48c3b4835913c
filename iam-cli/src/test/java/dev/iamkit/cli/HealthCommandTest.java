package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.support.Json;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code iam health} on either store, healthy and not. */
class HealthCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env) {
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), "health");
    }

    @Test
    void theInMemoryStoreIsHealthy() {
        assertThat(run(Map.of("USE_DATABASE", "false"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("store").contains("memory").containsPattern("reachable\\s+yes").containsPattern("row level security\\s+-").endsWith("healthy" + System.lineSeparator());
    }

    @Test
    void aMigratedPostgresSchemaIsHealthyAndARolledBackOneIsNot() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_health");
        try {
            Map<String, String> env = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema,
                    "IAMKIT_CACHE_SIZE", "0");
            assertThat(IamCli.run(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "migrate")).as(err.toString()).isZero();

            assertThat(run(env)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("postgres").contains("library needs " + IamMigrations.latestVersion()).contains(" total, ")
                    .containsPattern("row level security\\s+in force")
                    .endsWith("healthy" + System.lineSeparator());

            assertThat(IamCli.run(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "rollback", "--to", "5", "--yes")).isZero();
            assertThat(run(env)).isEqualTo(1);
            assertThat(err.toString()).contains("is at version 5").contains("iam migrate");
        } finally {
            pg.dropSchema(schema);
        }
    }

    @Test
    void aSuperuserLoginIsRefusedAndWhenAllowedReportedUnhealthy() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_health_su");
        try {
            Map<String, String> owner = Map.of("DATABASE_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema, "IAMKIT_CACHE_SIZE", "0");
            assertThat(IamCli.run(owner, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "migrate")).as(err.toString()).isZero();

            assertThat(run(owner)).isEqualTo(1);
            assertThat(err.toString()).contains("row level security is not in force for login " + pg.user())
                    .contains("GRANT iamkit_app TO").contains("IAMKIT_ALLOW_PRIVILEGED_LOGIN");

            Map<String, String> allowed = new java.util.HashMap<>(owner);
            allowed.put("IAMKIT_ALLOW_PRIVILEGED_LOGIN", "true");
            out.getBuffer().setLength(0);
            assertThat(run(allowed)).isEqualTo(1);
            assertThat(out.toString()).containsPattern("row level security\\s+NOT in force").contains("UNHEALTHY: row level security is not in force");
        } finally {
            pg.dropSchema(schema);
        }
    }

    @Test
    void jsonReportsTheSameAsOneObject() {
        assertThat(IamCli.run(Map.of("USE_DATABASE", "false"), new PrintWriter(out, true), new PrintWriter(err, true), "health", "--json"))
                .as(err.toString()).isZero();
        Object report = Json.read(out.toString());
        assertThat(report).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("healthy", true).containsEntry("store", "memory")
                .containsEntry("reachable", true).containsEntry("rowLevelSecurity", null).containsKey("roundTripMillis");
    }
}
