package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.AuditVerification.CheckpointMatch;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit table refuses UPDATE, DELETE and TRUNCATE even to its owner (V10); a change made
 * behind the triggers' back (a superuser in replica mode) is found by {@code verify()}, events
 * removed from the end by {@code verify(checkpoint)}; and an event inserted by the application's
 * own login, with a correctly computed unkeyed link, is not taken for part of the keyed chain.
 */
class AuditTamperTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("tamper");
    private final PostgresTestDatabase pg = PostgresTestDatabase.get();
    private PostgresIam db;
    private OrgId org;
    private String table;

    @BeforeEach
    void fiveEvents() {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC(), TestAuditKeys.K1);
        org = db.organizations().create(new NewOrganization("tamper", "Tamper")).id();
        for (int i = 1; i <= 5; i++) {
            db.tenant(org).teams().create(new NewTeam("Team " + i));
        }
        table = FIXTURE.schema() + ".audit_event";
        assertThat(db.tenant(org).audit().verify().intact()).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /**
     * Runs {@code command} on the audit table ({@code %s} in it) as the superuser with the
     * triggers off. On Citus replica mode set on the coordinator does not reach the shards, so
     * there the command runs on each shard of the table, in replica mode for its own transaction.
     */
    private void asSuperuserWithoutTriggers(String command) {
        if (!CitusTestMode.on()) {
            pg.execute("SET session_replication_role = replica; " + command.formatted(table));
            return;
        }
        pg.execute("DO $do$ BEGIN IF EXISTS (SELECT 1 FROM run_command_on_shards('" + table + "', $c$SET LOCAL session_replication_role = replica; "
                + command + "$c$) WHERE NOT success) THEN RAISE EXCEPTION 'a shard refused the tampering'; END IF; END $do$");
    }

    @Test
    void evenTheOwnerCannotUpdateDeleteOrTruncateEvents() {
        assertThatThrownBy(() -> pg.execute("UPDATE " + table + " SET action = 'x'")).hasMessageContaining("append-only: UPDATE refused");
        assertThatThrownBy(() -> pg.execute("DELETE FROM " + table)).hasMessageContaining("append-only: DELETE refused");
        assertThatThrownBy(() -> pg.execute("TRUNCATE " + table)).hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(db.tenant(org).audit().verify().verified()).isEqualTo(5);
    }

    @Test
    void aChangedEventIsBrokenAndTheEventsAfterItStillVerify() {
        asSuperuserWithoutTriggers("UPDATE %s SET action = 'team.delete' WHERE org_id = '" + org.value() + "' AND seq = 3");
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.firstBrokenSeq()).contains(3L);
        assertThat(v.broken()).isEqualTo(1);
        assertThat(v.verified()).isEqualTo(4);
        assertThat(v.intact()).isFalse();
    }

    @Test
    void aRemovedEventBreaksTheChainAtTheNextOne() {
        asSuperuserWithoutTriggers("DELETE FROM %s WHERE org_id = '" + org.value() + "' AND seq = 2");
        assertThat(db.tenant(org).audit().verify().firstBrokenSeq()).contains(3L);
    }

    @Test
    void anEventWhoseKeyIdWasChangedToAnotherHeldKeyIsBroken() {
        db = (PostgresIam) FIXTURE.reopen(db, Clock.systemUTC(), TestAuditKeys.K2_THEN_K1);
        asSuperuserWithoutTriggers("UPDATE %s SET key_id = 'k2' WHERE org_id = '" + org.value() + "' AND seq = 4");
        assertThat(db.tenant(org).audit().verify().firstBrokenSeq()).contains(4L);
    }

    @Test
    void ipAndUserAgentAreOutsideTheChainSoErasingThemKeepsItIntact() {
        asSuperuserWithoutTriggers("UPDATE %s SET ip = NULL, user_agent = NULL WHERE org_id = '" + org.value() + "'");
        assertThat(db.tenant(org).audit().verify().intact()).isTrue();
    }

    @Test
    void deletingTheOrganizationTakesItsTrailWithIt() {
        pg.execute("DELETE FROM " + FIXTURE.schema() + ".organization WHERE id = '" + org.value() + "'");
        assertThat(db.tenant(org).audit().verify().events()).isZero();
    }

    @Test
    void aRemovedTailIsFoundByTheCheckpointTakenBeforeIt() {
        AuditCheckpoint kept = AuditCheckpoint.parse(db.tenant(org).audit().checkpoint().text());
        asSuperuserWithoutTriggers("DELETE FROM %s WHERE org_id = '" + org.value() + "' AND seq > 3");

        AuditVerification v = db.tenant(org).audit().verify(kept);

        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.MISSING);
        assertThat(v.verified()).isEqualTo(3);
        assertThat(v.intact()).isFalse();
    }

    @Test
    void aTailReplacedByAForgedEventIsFoundByTheCheckpoint() throws Exception {
        AuditCheckpoint kept = db.tenant(org).audit().checkpoint();
        asSuperuserWithoutTriggers("DELETE FROM %s WHERE org_id = '" + org.value() + "' AND seq = 5");
        pg.execute("UPDATE " + FIXTURE.schema() + ".org_counter SET audit_seq = 4 WHERE org_id = '" + org.value() + "'");
        new AuditForger(pg, FIXTURE.schema()).appendUnkeyed(org, null);

        AuditVerification v = db.tenant(org).audit().verify(kept);

        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.DIFFERENT);
        assertThat(v.unkeyed()).isEqualTo(1);
        assertThat(v.intact()).isFalse();
    }
}
