package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What verification says after the audit columns were rolled back and migrated again. Rolling
 * back to 9 drops the links: those events predate the chain now, and are counted as such, never
 * called intact. Rolling back to 10 drops only the key ids: a keyed link covers its key id, so
 * the events still verify under the key that made them.
 */
class AuditRollbackTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("auditrollback");
    private PostgresIam db;
    private OrgId org;

    @BeforeEach
    void fiveKeyedEvents() {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC(), TestAuditKeys.K1);
        org = db.organizations().create(new NewOrganization("rolled", "Rolled")).id();
        for (int i = 1; i <= 5; i++) {
            db.tenant(org).teams().create(new NewTeam("Team " + i));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Closes the store, rolls the schema back to {@code version}, migrates it again and reopens the store. */
    private void rollBackAndMigrate(String version) {
        Assumptions.assumeFalse(CitusTestMode.on(), "a distributed schema rolls back to version "
                + "28 at most (CitusDistributionTest.aDistributedSchemaRollsBackToVersion28AtMost shows the refusal)");
        db.close();
        IamMigrations migrations = IamMigrations.of(TestDataSources.admin(PostgresTestDatabase.get()), FIXTURE.schema(), TestDataSources.APP_ROLE);
        migrations.rollback(version);
        migrations.migrate();
        db = (PostgresIam) FIXTURE.reopen(db, Clock.systemUTC(), TestAuditKeys.K1);
    }

    @Test
    void eventsWhoseLinksWereRolledBackAreCountedAsPredatingTheChainNotIntact() {
        rollBackAndMigrate("9");
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.preChain()).as(v.toString()).isEqualTo(5);
        assertThat(v.events()).isEqualTo(5);
        assertThat(v.intact()).isFalse();

        db.tenant(org).teams().create(new NewTeam("After the migration"));
        AuditVerification after = db.tenant(org).audit().verify();
        assertThat(after.preChain()).isEqualTo(5);
        assertThat(after.verified()).isEqualTo(1);
        assertThat(after.broken()).isZero();
        assertThat(after.intact()).isFalse();
    }

    @Test
    void keyedEventsStillVerifyWhenOnlyTheirKeyIdsWereRolledBack() {
        rollBackAndMigrate("10");
        db.tenant(org).teams().create(new NewTeam("After the migration"));

        AuditVerification v = db.tenant(org).audit().verify();

        assertThat(v.verified()).as(v.toString()).isEqualTo(6);
        assertThat(v.intact()).isTrue();
    }

    /** The counter row's recorded tail (V17): {seq, whether a link is recorded}, read as the admin. */
    private long[] tail() {
        try (java.sql.Connection c = TestDataSources.admin(PostgresTestDatabase.get()).getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT coalesce(audit_link_seq, -1), audit_link IS NOT NULL FROM "
                        + FIXTURE.schema() + ".org_counter WHERE org_id = ?")) {
            ps.setObject(1, org.value());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0};
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void v17RecordsTheTailOfATrailWrittenBeforeItAndTheNextEventChainsOntoIt() {
        rollBackAndMigrate("15");
        assertThat(tail()).as("backfilled: the newest event's seq and link").containsExactly(5, 1);

        db.tenant(org).teams().create(new NewTeam("After the migration"));

        assertThat(tail()).containsExactly(6, 1);
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.verified()).as(v.toString()).isEqualTo(6);
        assertThat(v.intact()).isTrue();
    }

    @Test
    void aTailThatIsNotTheNewestEventsIsNotUsedTheTrailIsReadInstead() {
        // a recorded link that belongs to an older event: the store must not chain onto it
        PostgresTestDatabase.get().execute("UPDATE " + FIXTURE.schema() + ".org_counter SET audit_link = decode(repeat('ab', 32), 'hex'), "
                + "audit_link_seq = 4 WHERE org_id = '" + org.value() + "'");

        db.tenant(org).teams().create(new NewTeam("After the stale tail"));

        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.verified()).as(v.toString()).isEqualTo(6);
        assertThat(v.intact()).isTrue();
        assertThat(tail()).containsExactly(6, 1);
    }
}
