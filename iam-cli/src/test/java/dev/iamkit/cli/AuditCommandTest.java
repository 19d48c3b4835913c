package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code iam audit verify --org}: intact, broken, and a malformed id. */
class AuditCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void verifyReportsAnIntactChainAndTheFirstTamperedEvent() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_audit");
        try {
            Map<String, String> env = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema,
                    "IAMKIT_CACHE_SIZE", "0");
            assertThat(run(env, "migrate")).as(err.toString()).isZero();
            OrgId org;
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                org = db.organizations().create(new NewOrganization("audited", "Audited")).id();
                for (int i = 1; i <= 3; i++) {
                    db.tenant(org).teams().create(new NewTeam("Team " + i));
                }
            }
            assertThat(run(env, "audit", "verify", "--org", org.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("intact: 3 event(s) checked");

            pg.execute("SET session_replication_role = replica; UPDATE " + schema + ".audit_event SET target_id = 'x' WHERE seq = 2");
            assertThat(run(env, "audit", "verify", "--org", org.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("broken at event 2");
        } finally {
            pg.dropSchema(schema);
        }
    }

    @Test
    void aMalformedOrganizationIdIsRefusedNamingIt() {
        assertThat(run(Map.of("USE_DATABASE", "false"), "audit", "verify", "--org", "acme")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").contains("orgId");
    }
}
