package dev.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import dev.iamkit.support.Json;
import java.util.List;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code iam audit verify --org [--checkpoint]} and {@code iam audit checkpoint --org}: the report,
 * exit code 1 unless intact, keys from {@code IAMKIT_AUDIT_KEYS}.
 */
class AuditCommandTest {
    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(TestAuditKeys.material(1));
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private StringWriter out;
    private StringWriter err;
    private String schema;
    private Map<String, String> keyed;
    private Map<String, String> unkeyed;

    @BeforeEach
    void migratedSchema() {
        schema = pg.createSchema("iamkit_cli_audit");
        unkeyed = Map.of("DATABASE_URL", AppUrl.of(pg), "IAMKIT_MIGRATION_URL", OwnerUrl.of(pg), "IAMKIT_SCHEMA", schema,
                "IAMKIT_CACHE_SIZE", "0");
        keyed = new HashMap<>(unkeyed);
        keyed.put(AuditKeys.SETTING, KEYS);
        assertThat(run(unkeyed, "migrate")).as(err.toString()).isZero();
    }

    @AfterEach
    void drop() {
        pg.dropSchema(schema);
    }

    private int run(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return IamCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private OrgId orgWithEvents(Map<String, String> env, int events) {
        try (IamDatabase db = IamDatabases.fromSettings(env)) {
            OrgId org = db.organizations().create(new NewOrganization("audited", "Audited")).id();
            for (int i = 1; i <= events; i++) {
                db.tenant(org).teams().create(new NewTeam("Team " + i));
            }
            return org;
        }
    }

    @Test
    void verifyReportsAnIntactKeyedChainAndTheFirstTamperedEvent() {
        OrgId org = orgWithEvents(keyed, 3);
        assertThat(run(keyed, "audit", "verify", "--org", org.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("audit chain of " + org + ": 3 event(s)").contains("verified under a key  3")
                .contains("broken                0").endsWith("intact" + System.lineSeparator());

        pg.execute("SET session_replication_role = replica; UPDATE " + schema + ".audit_event SET target_id = 'x' WHERE seq = 2");
        assertThat(run(keyed, "audit", "verify", "--org", org.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("broken                1 (first at event 2)").contains("NOT intact");
        assertThat(err.toString()).startsWith("iam: ").contains("broken, the first at event 2");
    }

    @Test
    void withoutAKeyTheEventsAreReportedUnkeyedAndVerifyFails() {
        OrgId org = orgWithEvents(unkeyed, 2);
        assertThat(run(unkeyed, "audit", "verify", "--org", org.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("unkeyed               2").contains("NOT intact");
        assertThat(err.toString()).contains("2 event(s) unkeyed");
    }

    @Test
    void eventsUnderAKeyNoLongerConfiguredAreReportedByKeyId() {
        OrgId org = orgWithEvents(keyed, 2);
        Map<String, String> rotated = new HashMap<>(unkeyed);
        rotated.put(AuditKeys.SETTING, "k2:" + Base64.getEncoder().encodeToString(TestAuditKeys.material(2)));
        assertThat(run(rotated, "audit", "verify", "--org", org.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("under an unknown key  2 (k1)");
        assertThat(err.toString()).contains("under key(s) k1 not in " + AuditKeys.SETTING);
    }

    @Test
    void aCheckpointPrintedEarlierShowsARemovedTail() {
        OrgId org = orgWithEvents(keyed, 4);
        assertThat(run(keyed, "audit", "checkpoint", "--org", org.toString())).as(err.toString()).isZero();
        String text = out.toString().strip();
        assertThat(AuditCheckpoint.parse(text).seq()).isEqualTo(4);
        assertThat(run(keyed, "audit", "verify", "--org", org.toString(), "--checkpoint", text)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("checkpoint            matched at event 4");

        pg.execute("SET session_replication_role = replica; DELETE FROM " + schema + ".audit_event WHERE seq = 4");
        assertThat(run(keyed, "audit", "verify", "--org", org.toString(), "--checkpoint", text)).isEqualTo(1);
        assertThat(out.toString()).contains("audit chain of " + org + ": 3 event(s)").contains("checkpoint            event 4 is missing");
        assertThat(err.toString()).contains("events were removed from the end");
    }

    @Test
    void afterTheLinksWereRolledBackAndMigratedAgainTheEventsAreReportedAsPredatingTheChain() {
        OrgId org = orgWithEvents(keyed, 5);
        assertThat(run(keyed, "rollback", "--to", "9", "--yes")).as(err.toString()).isZero();
        assertThat(run(keyed, "migrate")).as(err.toString()).isZero();

        assertThat(run(keyed, "audit", "verify", "--org", org.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(": 5 event(s)").contains("predating the chain   5").contains("NOT intact");
        assertThat(err.toString()).contains("5 event(s) predate the chain");
    }

    @Test
    void aCheckpointOfAnotherOrganizationOrAMalformedOneIsRefused() {
        OrgId org = orgWithEvents(keyed, 1);
        String elsewhere = new AuditCheckpoint(OrgId.of(UUID.randomUUID()), 0, Optional.empty()).text();
        assertThat(run(keyed, "audit", "verify", "--org", org.toString(), "--checkpoint", elsewhere)).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").contains("used in the scope of organization " + org);
        assertThat(run(keyed, "audit", "verify", "--org", org.toString(), "--checkpoint", "last tuesday")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: checkpoint: ");
    }

    @Test
    void aMalformedOrganizationIdIsRefusedNamingIt() {
        assertThat(run(Map.of("USE_DATABASE", "false"), "audit", "verify", "--org", "acme")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").contains("orgId");
        assertThat(run(Map.of("USE_DATABASE", "false"), "audit", "checkpoint", "--org", "acme")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iam: ").contains("orgId");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> object(Object json) {
        return (Map<Object, Object>) json;
    }

    @Test
    void verifyPrintsJsonWhenAsked() {
        OrgId org = orgWithEvents(keyed, 2);
        assertThat(run(keyed, "audit", "verify", "--org", org.toString(), "--json")).as(err.toString()).isZero();
        Map<Object, Object> intact = object(Json.read(out.toString()));
        assertThat(intact).containsEntry("intact", true).containsEntry("events", 2L).containsEntry("reasons", List.of());
        assertThat(object(intact.get("verification"))).containsEntry("verified", 2L).containsEntry("broken", 0L).containsEntry("orgId", org.toString());

        assertThat(run(unkeyed, "audit", "verify", "--org", org.toString(), "--json")).isEqualTo(1);
        Map<Object, Object> not = object(Json.read(out.toString()));
        assertThat(not).containsEntry("intact", false);
        assertThat((List<?>) not.get("reasons")).isNotEmpty();
    }
}
