package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import org.junit.jupiter.api.Test;

/** Each organization's audit events form a hash chain that {@code verify()} recomputes. */
public abstract class AuditChainContract extends ContractBase {

    @Test
    void anOrganizationWithoutEventsVerifiesIntactWithNothingChecked() {
        OrgId org = data.org().id();
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isZero();
        assertThat(v.orgId()).isEqualTo(org);
    }

    @Test
    void theChainHoldsAcrossCallsTransactionsRollbacksAndUndoneCalls() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        db.tenant(org).roles().create(new NewRole("clerk", "Clerk"));
        db.tenant(other).teams().create(new NewTeam("Elsewhere"));
        db.inTenant(org, Actor.service("sync").withIp("198.51.100.4"), tx -> {
            tx.teams().create(new NewTeam("Ops"));
            // a call that fails inside the work is undone by itself, its event too
            assertThatThrownBy(() -> tx.roles().create(new NewRole("clerk", "Again"))).isInstanceOf(AlreadyExistsException.class);
            tx.roles().create(new NewRole("auditor", "Auditor"));
            return null;
        });
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.teams().create(new NewTeam("Rolled back"));
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        clock.advance(java.time.Duration.ofMinutes(5));
        db.tenant(org).teams().create(new NewTeam("Later"));

        long events = db.tenant(org).audit().list(PageRequest.first(100)).items().size();
        AuditVerification v = db.tenant(org).audit().verify();
        assertThat(events).isEqualTo(4);
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.checked()).isEqualTo(events);
        assertThat(db.tenant(other).audit().verify()).satisfies(o -> {
            assertThat(o.intact()).isTrue();
            assertThat(o.checked()).isEqualTo(1);
        });
    }
}
