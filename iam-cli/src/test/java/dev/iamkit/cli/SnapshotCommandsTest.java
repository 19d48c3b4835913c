package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iam export} and {@code iam import}: between two PostgreSQL schemas as the owner, and the in-memory store. */
class SnapshotCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static List<String> body(String snapshot) {
        List<String> lines = Arrays.asList(snapshot.split("\n"));
        return lines.subList(1, lines.size());
    }

    @Test
    void aStoreMovesToAnotherSchemaThroughAFileAndOneOrganizationThroughStandardOutput(@TempDir Path dir) throws Exception {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String source = pg.createSchema("iamkit_cli_snap_a");
        String target = pg.createSchema("iamkit_cli_snap_b");
        try {
            Map<String, String> from = Map.of("DATABASE_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", source, "IAMKIT_CACHE_SIZE", "0");
            Map<String, String> to = Map.of("DATABASE_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", target, "IAMKIT_CACHE_SIZE", "0");
            assertThat(run(from, "migrate")).as(err.toString()).isZero();
            assertThat(run(to, "migrate")).as(err.toString()).isZero();
            OrgId acme;
            try (IamDatabase db = IamDatabases.fromSettings(Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_SCHEMA", source, "IAMKIT_CACHE_SIZE", "0"))) {
                UserId ana = db.users().create(new NewUser("ana@example.com", "Ana")).id();
                acme = db.organizations().create(new NewOrganization("acme", "Acme")).id();
                db.tenant(acme).memberships().add(ana, OrgRole.OWNER);
                db.organizations().create(new NewOrganization("globex", "Globex"));
            }
            Path file = dir.resolve("store.ndjson");

            assertThat(run(from, "export", "--out", file.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("rows written to " + file);
            assertThat(run(to, "import", file.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("6 rows imported, 0 already present").contains("membership").contains("audit_event");
            assertThat(run(to, "export")).isZero();
            assertThat(body(out.toString())).isEqualTo(body(Files.readString(file)));

            assertThat(run(from, "export", "--org", acme.toString())).isZero();
            assertThat(out.toString()).contains("\"scope\":\"org:" + acme + "\"").contains("acme").doesNotContain("globex");
            String acmeOnly = out.toString();
            int code = IamCli.run(to, new ByteArrayInputStream(acmeOnly.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                    new PrintWriter(err, true), "import", "-");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("0 rows imported, 5 already present");
        } finally {
            pg.dropSchema(source);
            pg.dropSchema(target);
        }
    }

    /** With master keys, the file holds plain values; the target seals them under its own key; without the keys, the encrypted store does not open. */
    @Test
    void anEncryptedStoreMovesThroughStandardInputToAStoreUnderAnotherMasterKey() throws Exception {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        String source = pg.createSchema("iamkit_cli_snap_enc_a");
        String target = pg.createSchema("iamkit_cli_snap_enc_b");
        try {
            Map<String, String> from = Map.of("DATABASE_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", source, "IAMKIT_CACHE_SIZE", "0",
                    "IAMKIT_MASTER_KEYS", "m1:" + Base64.getEncoder().encodeToString(TestAuditKeys.material(31)));
            Map<String, String> to = Map.of("DATABASE_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", target, "IAMKIT_CACHE_SIZE", "0",
                    "IAMKIT_MASTER_KEYS", "m2:" + Base64.getEncoder().encodeToString(TestAuditKeys.material(32)));
            assertThat(run(from, "migrate")).as(err.toString()).isZero();
            assertThat(run(to, "migrate")).as(err.toString()).isZero();
            Map<String, String> app = new HashMap<>(from);
            app.put("DATABASE_URL", AppUrl.of(pg));
            UserId ana;
            try (IamDatabase db = IamDatabases.fromSettings(app)) {
                ana = db.users().create(new NewUser("ana@example.com", "Ana Lima")).id();
            }
            Map<String, String> noKeys = new HashMap<>(from);
            noKeys.remove("IAMKIT_MASTER_KEYS");
            assertThat(run(noKeys, "export")).isEqualTo(1);
            assertThat(err.toString()).contains("IAMKIT_MASTER_KEYS");

            assertThat(run(from, "export")).as(err.toString()).isZero();
            String file = out.toString();
            assertThat(file).contains("\"email\":\"ana@example.com\"").contains("\"display_name\":\"Ana Lima\"").doesNotContain("blind-index");
            int code = IamCli.run(to, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                    new PrintWriter(err, true), "import", "-");
            assertThat(code).as(err.toString()).isZero();

            assertThat(run(to, "export")).isZero();
            assertThat(body(out.toString())).isEqualTo(body(file));
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT u.email, u.display_name, k.master_key_id FROM " + target + ".app_user u JOIN " + target
                            + ".user_data_key k ON k.user_id = u.id WHERE u.id = '" + ana.value() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).endsWith("@blind-index.invalid");
                assertThat(rs.getString(2)).isEqualTo("(encrypted)");
                assertThat(rs.getString(3)).isEqualTo("m2");
            }
        } finally {
            pg.dropSchema(source);
            pg.dropSchema(target);
        }
    }

    @Test
    void aTruncatedFileIsRefusedNamingItsLineAndWritesNothing(@TempDir Path dir) throws Exception {
        Map<String, String> memory = Map.of("USE_DATABASE", "false");
        Path file = dir.resolve("cut.ndjson");
        Files.writeString(file, "{\"format\":\"iamkit-snapshot\",\"version\":1,\"scope\":\"store\",\"library\":\"x\",\"schema\":\"-\",\"exported_at\":\"2030-01-01T00:00:00Z\"}\n"
                + "{\"t\":\"app_user\",\"r\":{\"id\":\"01900000-0000-7000-8000-000000000001\",\"email\":\"ana@example.com\",\"display_name\":\"Ana\",\"status\":\"ACTIVE\","
                + "\"email_verified_at\":null,\"version\":0,\"created_at\":\"2030-01-01T00:00:00Z\",\"updated_at\":\"2030-01-01T00:00:00Z\",\"deleted_at\":null}}\n");

        assertThat(run(memory, "import", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").contains("line 3").contains("truncated");
        assertThat(run(memory, "import", dir.resolve("missing.ndjson").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void theSnapshotOfAnEmptyMemoryStoreIsItsHeaderAndTrailer() {
        assertThat(run(Map.of("USE_DATABASE", "false"), "export")).isZero();

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"format\":\"iamkit-snapshot\",\"version\":1,\"scope\":\"store\"");
        assertThat(lines[1]).isEqualTo("{\"end\":true,\"counts\":{}}");
    }
}
