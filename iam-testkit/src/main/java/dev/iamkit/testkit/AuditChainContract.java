package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.AuditVerification.CheckpointMatch;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import org.junit.jupiter.api.Test;

/**
 * Each organization's audit events form a chain that {@code verify()} recomputes. A store run
 * without an audit key still chains its events, with an unkeyed digest that anyone able to write
 * to the store could compute, so {@code verify()} reports them as unkeyed and never as intact.
 * What a keyed chain guarantees is in {@link AuditKeyContract}.
 */
public abstract class AuditChainContract extends ContractBase {

    @Test
    void anOrganizationWithoutEventsVerifiesIntactWithNothingChecked() {
        OrgId org = data.org().id();
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.events()).isZero();
        assertThat(v.orgId()).isEqualTo(org);
        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.NOT_GIVEN);
    }

    @Test
    void eventsWrittenWithoutAKeyAreReportedUnkeyedNeverIntact() {
        OrgId org = data.org().id();
        db.tenant(org).roles().create(new NewRole("clerk", "Clerk"));
        db.tenant(org).teams().create(new NewTeam("Ops"));

        AuditVerification v = db.tenant(org).audit().verify();

        assertThat(v.unkeyed()).as(v.toString()).isEqualTo(2);
        assertThat(v.verified()).isZero();
        assertThat(v.broken()).isZero();
        assertThat(v.firstBrokenSeq()).isEmpty();
        assertThat(v.intact()).isFalse();
    }

    @Test
    void eventsWrittenBeforeAKeyWasConfiguredStayUnkeyedAfterIt() {
        OrgId org = data.org().id();
        db.tenant(org).teams().create(new NewTeam("Before the key"));

        db = fixture().reopen(db, clock, TestAuditKeys.K1);
        db.tenant(org).teams().create(new NewTeam("After the key"));
        db.tenant(org).teams().create(new NewTeam("After the key, again"));

        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.unkeyed()).as(v.toString()).isEqualTo(1);
        assertThat(v.verified()).isEqualTo(2);
        assertThat(v.broken()).isZero();
        assertThat(v.intact()).isFalse();
    }

    @Test
    void anUnkeyedTrailHasACheckpointThatVerifiesButIsStillNotIntact() {
        OrgId org = data.org().id();
        db.tenant(org).teams().create(new NewTeam("Ops"));

        AuditVerification v = db.tenant(org).audit().verify(db.tenant(org).audit().checkpoint());

        assertThat(v.checkpoint()).isEqualTo(CheckpointMatch.MATCHED);
        assertThat(v.unkeyed()).isEqualTo(1);
        assertThat(v.intact()).isFalse();
    }
}
