package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.AuditVerification;
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
 * The attack the keyed chain exists for: the application's own login (a member of the application
 * role only), with tenant B set, bumps {@code org_counter.audit_seq} and inserts an event whose
 * link is the correctly computed unkeyed digest. Without a key that passed as intact; a store
 * with a key reports the event, and organization A is not affected.
 */
class AuditForgeryTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("forgery");
    private PostgresIam db;
    private OrgId a;
    private OrgId b;
    private AuditForger attacker;

    @BeforeEach
    void twoOrganizationsWithEvents() {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC(), TestAuditKeys.K1);
        a = db.organizations().create(new NewOrganization("org-a", "A")).id();
        b = db.organizations().create(new NewOrganization("org-b", "B")).id();
        for (int i = 1; i <= 3; i++) {
            db.tenant(a).teams().create(new NewTeam("A " + i));
            db.tenant(b).teams().create(new NewTeam("B " + i));
        }
        attacker = new AuditForger(PostgresTestDatabase.get(), FIXTURE.schema());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anEventForgedWithACorrectUnkeyedLinkIsReportedUnkeyedNotIntact() throws Exception {
        long forged = attacker.appendUnkeyed(b, null);
        db.tenant(b).teams().create(new NewTeam("B after the forgery"));

        AuditVerification v = db.tenant(b).audit().verify();

        assertThat(forged).isEqualTo(4);
        assertThat(v.unkeyed()).as(v.toString()).isEqualTo(1);
        assertThat(v.verified()).isEqualTo(4);
        assertThat(v.intact()).isFalse();
        assertThat(db.tenant(a).audit().verify().intact()).isTrue();
    }

    @Test
    void anEventForgedUnderTheStoresKeyIdIsBroken() throws Exception {
        long forged = attacker.appendUnkeyed(b, "k1");

        AuditVerification v = db.tenant(b).audit().verify();

        assertThat(v.firstBrokenSeq()).contains(forged);
        assertThat(v.verified()).isEqualTo(3);
        assertThat(v.intact()).isFalse();
    }

    @Test
    void anEventForgedUnderAKeyIdTheStoreDoesNotHoldIsNeverIntact() throws Exception {
        attacker.appendUnkeyed(b, "k9");

        AuditVerification v = db.tenant(b).audit().verify();

        assertThat(v.unknownKeyIds()).containsExactly("k9");
        assertThat(v.intact()).isFalse();
    }
}
