package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iam export-user} and {@code iam anonymize-user} against PostgreSQL. */
class PrivacyCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void exportThenAnonymizeThenExportAgain(@TempDir Path dir) throws Exception {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String schema = pg.createSchema("iamkit_cli_privacy");
        try {
            Map<String, String> env = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema,
                    "IAMKIT_CACHE_SIZE", "0");
            assertThat(run(env, "migrate")).as(err.toString()).isZero();
            UserId ana;
            try (IamDatabase db = IamDatabases.fromSettings(env)) {
                ana = db.users().create(new NewUser("ana@example.com", "Ana Example")).id();
                var org = db.organizations().create(new NewOrganization("acme", "Acme")).id();
                db.tenant(org).memberships().add(ana, OrgRole.MEMBER);
            }
            Path file = dir.resolve("ana.json");
            assertThat(run(env, "export-user", ana.toString(), "--out", file.toString())).as(err.toString()).isZero();
            assertThat(Files.readString(file)).contains("ana@example.com").contains("Ana Example").contains("acme");

            assertThat(run(env, "anonymize-user", ana.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("--yes");
            assertThat(run(env, "anonymize-user", ana.toString(), "--yes")).as(err.toString()).isZero();

            out.getBuffer().setLength(0);
            assertThat(run(env, "export-user", ana.toString())).isZero();
            assertThat(out.toString()).doesNotContain("ana@example.com").doesNotContain("Ana Example").contains(ana.toString());
        } finally {
            pg.dropSchema(schema);
        }
    }

    @Test
    void anUnknownUserIsReported() {
        assertThat(run(Map.of("USE_DATABASE", "false"), "export-user", "0190a0a0-0000-7000-8000-000000000000")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").containsIgnoringCase("user");
    }
}
