package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.TenantScope;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each organization's revision: every committed change to its access data increases it, in the
 * same transaction; reads, no-ops and rolled-back work leave it alone; a scope reports the
 * revision its own latest change committed at.
 */
public abstract class RevisionContract extends ContractBase {
    private OrgId org;
    private Feature invoices;
    private User user;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        invoices = data.entitledFeature(org, "read", "approve");
        user = data.member(org);
    }

    private long revision() {
        return db.tenant(org).revision().value();
    }

    /** Runs {@code change} through a fresh scope and asserts it moved the revision up, to the one the scope reports. */
    private void increases(String what, Consumer<TenantScope> change) {
        long before = revision();
        TenantScope scope = db.tenant(org);
        change.accept(scope);
        long after = revision();
        assertThat(after).as(what).isGreaterThan(before);
        assertThat(scope.lastWriteRevision()).as(what).contains(Revision.of(org, after));
    }

    @Test
    void everyKindOfAccessChangeIncreasesTheRevision() {
        Role clerk = data.role(org);
        Team team = data.team(org);
        User other = data.user();
        Module module = data.module();
        increases("role created", s -> s.roles().create(new NewRole("auditor", "Auditor")));
        increases("grant", s -> s.grants().grant(clerk.id(), Grant.allow(invoices, "read")));
        increases("grant replaced", s -> s.grants().replace(clerk.id(), java.util.List.of(Grant.deny(invoices, "approve"))));
        increases("assignment", s -> s.assignments().assign(clerk.id(), user.id()));
        increases("membership", s -> s.memberships().add(other.id(), OrgRole.MEMBER));
        increases("team member", s -> s.teams().addMember(team.id(), other.id()));
        increases("team assignment", s -> s.assignments().assign(clerk.id(), team.id()));
        increases("unassignment", s -> s.assignments().unassign(clerk.id(), Principal.user(user.id())));
        increases("entitlement", s -> s.entitlements().entitle(module.id()));
        increases("team member removed", s -> s.teams().removeMember(team.id(), other.id()));
        increases("role deleted", s -> s.roles().delete(clerk.id()));
    }

    @Test
    void suspendingAndReactivatingTheOrganizationIncreaseTheRevision() {
        long before = revision();
        db.organizations().update(db.organizations().find(org).orElseThrow().withStatus(OrgStatus.SUSPENDED));
        long suspended = revision();
        assertThat(suspended).isGreaterThan(before);
        db.organizations().update(db.organizations().find(org).orElseThrow().withStatus(OrgStatus.ACTIVE));
        assertThat(revision()).isGreaterThan(suspended);
        long active = revision();
        db.organizations().update(db.organizations().find(org).orElseThrow().withName("Renamed"));
        assertThat(revision()).as("a new name is not access data").isEqualTo(active);
    }

    @Test
    void readsAndNoOpsLeaveTheRevisionAlone() {
        Role clerk = data.role(org);
        db.tenant(org).grants().replace(clerk.id(), java.util.List.of(Grant.allow(invoices, "read"), Grant.deny(invoices, "approve")));
        long before = revision();
        TenantScope scope = db.tenant(org);
        scope.authz().check(user.id(), invoices.id(), "read");
        scope.roles().find(clerk.id());
        assertThat(scope.assignments().unassign(clerk.id(), Principal.user(user.id()))).isFalse();
        scope.grants().grant(clerk.id(), Grant.allow(invoices, "read"));
        scope.grants().replace(clerk.id(), java.util.List.of(Grant.deny(invoices, "approve"), Grant.allow(invoices, "read")));
        scope.grants().replaceViews(clerk.id(), java.util.List.of());

        assertThat(revision()).isEqualTo(before);
        assertThat(scope.lastWriteRevision()).as("the scope changed nothing").isEmpty();
    }

    @Test
    void revisionsOfOneOrganizationDoNotMoveAnother() {
        OrgId other = data.org().id();
        long before = db.tenant(other).revision().value();
        data.role(org);
        assertThat(db.tenant(other).revision().value()).isEqualTo(before);
        assertThat(db.tenant(org).revision().orgId()).isEqualTo(org);
    }

    @Test
    void aTransactionCommitsAtTheRevisionItReportsAndOnlyOnce() {
        long before = revision();
        Revision inside = db.inTenant(org, Actor.system(), tx -> {
            Role a = tx.roles().create(new NewRole("first-role", "First"));
            long afterFirst = tx.revision().value();
            assertThat(afterFirst).isGreaterThan(before);
            tx.grants().grant(a.id(), Grant.allow(invoices, "read"));
            tx.assignments().assign(a.id(), user.id());
            assertThat(tx.revision().value()).isGreaterThanOrEqualTo(afterFirst);
            assertThat(tx.lastWriteRevision()).contains(tx.revision());
            return tx.revision();
        });
        assertThat(revision()).isEqualTo(inside.value());
    }

    @Test
    void rolledBackWorkLeavesTheRevisionAlone() {
        long before = revision();
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("doomed", "Doomed"));
            throw new IllegalStateException("abort");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(revision()).isEqualTo(before);
        Role kept = data.role(org);
        assertThat(revision()).as("the next change continues from the committed revision").isGreaterThan(before);
        assertThat(db.tenant(org).roles().find(kept.id())).isPresent();
    }

    @Test
    void aFailedWriteLeavesTheRevisionAlone() {
        long before = revision();
        Role clerk = data.role(org);
        long afterRole = revision();
        assertThat(afterRole).isGreaterThan(before);
        assertThatThrownBy(() -> db.tenant(org).roles().create(new NewRole(clerk.code(), "Again")))
                .isInstanceOf(dev.iamkit.error.AlreadyExistsException.class);
        assertThat(revision()).isEqualTo(afterRole);
    }

    @Test
    void anUnknownOrganizationIsAtRevisionZero() {
        OrgId unknown = new OrgId(java.util.UUID.randomUUID());
        assertThat(db.tenant(unknown).revision()).isEqualTo(Revision.of(unknown, 0));
    }

    @Test
    void expiringAssignmentsNeedNoRevisionToTakeEffect() {
        Role reader = data.role(org, Grant.allow(invoices, "read"));
        Instant in1h = clock.instant().plus(Duration.ofHours(1));
        db.tenant(org).assignments().assign(reader.id(), Principal.user(user.id()), Optional.of(in1h));
        long at = revision();
        assertThat(db.tenant(org).authz().check(user.id(), invoices.id(), "read")).isTrue();

        clock.advance(Duration.ofHours(2));

        assertThat(db.tenant(org).authz().check(user.id(), invoices.id(), "read")).as("expired, though cached").isFalse();
        assertThat(revision()).as("time passing is not a change").isEqualTo(at);
    }
}
