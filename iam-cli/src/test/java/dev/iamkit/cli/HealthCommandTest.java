package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
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
        assertThat(out.toString()).contains("store").contains("memory").contains("reachable       yes").endsWith("healthy" + System.lineSeparator());
    }

    @Test
    void aMigratedPostgresSchemaIsHealthyAndARolledBackOneIsNot() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_health");
        try {
            String url = OwnerUrl.of(pg);
            Map<String, String> env = Map.of("DATABASE_URL", url, "IAMKIT_SCHEMA", schema, "IAMKIT_CACHE_SIZE", "0");
            assertThat(IamCli.run(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "migrate")).as(err.toString()).isZero();

            assertThat(run(env)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("postgres").contains("library needs " + IamMigrations.latestVersion()).contains(" total, ")
                    .endsWith("healthy" + System.lineSeparator());

            assertThat(IamCli.run(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "rollback", "--to", "5")).isZero();
            assertThat(run(env)).isEqualTo(1);
            assertThat(err.toString()).contains("is at version 5").contains("iam migrate");
        } finally {
            pg.dropSchema(schema);
        }
    }
}
