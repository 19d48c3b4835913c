package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Membership;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing of organization A is visible or changeable through a scope of organization B: A's ids
 * are unknown there ({@code NotFoundException}), A's records are refused
 * ({@code TenantMismatchException}), and A's members pass no check there.
 */
public abstract class TenantIsolationContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId a;
    private OrgId b;
    private Feature feature;
    private View view;
    private Module module;
    private User alice;      // member of A only
    private Team teamA;      // alice's team in A
    private Role roleA;      // allows feature.read and the view, held by alice and teamA
    private User bob;        // member of B only
    private Role roleB;
    private TenantScope inB;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        a = data.org().id();
        b = data.org().id();
        feature = data.feature("read");
        view = data.view();
        module = fx.moduleWith(feature);
        db.catalog().linkView(module.id(), view.id());
        db.tenant(a).entitlements().entitle(module.id());
        alice = data.member(a);
        teamA = fx.team(a, alice);
        roleA = fx.role(a, Grant.allow(feature, "read"));
        db.tenant(a).grants().grantView(roleA.id(), ViewAccess.allow(view.id()));
        fx.assign(a, roleA, alice);
        fx.assign(a, roleA, teamA);
        bob = data.member(b);
        roleB = data.role(b);
        inB = db.tenant(b);
    }

    private static Consumer<Throwable> notFound(String entity) {
        return t -> assertThat(t).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo(entity));
    }

    private void assertNotFound(String entity, ThrowingCallable call) {
        assertThat(catchThrowable(call)).as("expected NotFoundException on %s", entity).satisfies(notFound(entity));
    }

    private void assertAUnchanged() {
        TenantScope inA = db.tenant(a);
        assertThat(inA.roles().find(roleA.id())).contains(roleA);
        assertThat(inA.teams().members(teamA.id())).containsExactly(alice.id());
        assertThat(inA.grants().list(roleA.id())).extracting(FeatureGrant::toGrant).containsExactly(Grant.allow(feature, "read"));
        assertThat(inA.assignments().listForRole(roleA.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(inA.memberships().find(alice.id())).isPresent();
        assertThat(inA.entitlements().find(module.id())).hasValueSatisfying(e -> assertThat(e.enabled()).isTrue());
        assertThat(inA.authz().check(alice.id(), feature.id(), "read")).isTrue();
    }

    // --- reads ---------------------------------------------------------------------------------

    @Test
    void rolesOfAnotherOrganizationAreInvisible() {
        assertThat(inB.roles().find(roleA.id())).isEmpty();
        assertThat(inB.roles().findByCode(roleA.code())).isEmpty();
        assertThat(inB.roles().list(PageRequest.first()).items()).containsExactly(roleB);
    }

    @Test
    void teamsOfAnotherOrganizationAreInvisible() {
        assertThat(inB.teams().find(teamA.id())).isEmpty();
        assertThat(inB.teams().findByName(teamA.name())).isEmpty();
        assertThat(inB.teams().list(PageRequest.first()).items()).isEmpty();
        assertThat(inB.teams().teamsOf(alice.id())).isEmpty();
        assertNotFound("team", () -> inB.teams().members(teamA.id()));
    }

    @Test
    void membershipsOfAnotherOrganizationAreInvisible() {
        assertThat(inB.memberships().find(alice.id())).isEmpty();
        assertThat(inB.memberships().list(PageRequest.first()).items()).extracting(Membership::userId).containsExactly(bob.id());
    }

    @Test
    void grantsAndAssignmentsOfAnotherOrganizationsRoleAreUnreachable() {
        assertNotFound("role", () -> inB.grants().list(roleA.id()));
        assertNotFound("role", () -> inB.grants().listViews(roleA.id()));
        assertNotFound("role", () -> inB.assignments().listForRole(roleA.id(), PageRequest.first()));
        assertThat(inB.assignments().listFor(Principal.user(alice.id()))).isEmpty();
        assertThat(inB.assignments().listFor(Principal.team(teamA.id()))).isEmpty();
    }

    @Test
    void entitlementsOfAnotherOrganizationAreInvisibleAndUntouchable() {
        assertThat(inB.entitlements().list()).isEmpty();
        assertThat(inB.entitlements().find(module.id())).isEmpty();
        assertThatThrownBy(() -> inB.entitlements().setEnabled(module.id(), false)).isInstanceOf(NotFoundException.class);
        assertThat(inB.entitlements().revoke(module.id())).isFalse();

        assertAUnchanged();
    }

    @Test
    void auditTrailOfAnotherOrganizationIsInvisible() {
        OrgId quiet = data.org().id();
        assertThat(db.tenant(quiet).audit().list(PageRequest.first()).items()).isEmpty();

        db.tenant(quiet).teams().create(new NewTeam("First"));

        assertThat(db.tenant(quiet).audit().list(PageRequest.first()).items()).singleElement()
                .satisfies(e -> assertThat(List.of(e.seq(), e.orgId(), e.action())).containsExactly(1L, quiet, "team.create"));
        assertThat(fx.audit(a)).extracting(AuditEvent::orgId).containsOnly(a);
        assertThat(fx.audit(b)).extracting(AuditEvent::orgId).containsOnly(b);
    }

    @Test
    void transactionBoundToAnotherOrganizationSeesNothingOfThisOne() {
        List<Object> seen = db.inTenant(b, Actor.system(), tx -> List.of(
                tx.roles().find(roleA.id()).isPresent(), tx.teams().find(teamA.id()).isPresent(),
                tx.memberships().find(alice.id()).isPresent(), tx.authz().check(alice.id(), feature.id(), "read")));

        assertThat(seen).containsOnly(false);
    }

    // --- writes with another organization's records and ids ------------------------------------

    @Test
    void updatingAnotherOrganizationsRecordsIsATenantMismatch() {
        Membership aliceInA = db.tenant(a).memberships().find(alice.id()).orElseThrow();
        List<ThrowingCallable> updates = List.of(
                () -> inB.roles().update(roleA.withName("Hijacked")),
                () -> inB.teams().update(teamA.withName("Hijacked")),
                () -> inB.memberships().update(aliceInA.withRole(OrgRole.OWNER)));

        for (ThrowingCallable update : updates) {
            assertThatThrownBy(update).isInstanceOfSatisfying(TenantMismatchException.class, e -> {
                assertThat(e.scope()).isEqualTo(b);
                assertThat(e.record()).isEqualTo(a);
            });
        }
        assertThat(db.tenant(a).memberships().find(alice.id())).contains(aliceInA);
        assertThat(db.tenant(a).teams().find(teamA.id())).hasValueSatisfying(t -> assertThat(t.version()).isZero());
        assertAUnchanged();
    }

    @Test
    void deletingAnotherOrganizationsRoleTeamOrMembershipIsNotFound() {
        assertNotFound("role", () -> inB.roles().delete(roleA.id()));
        assertNotFound("team", () -> inB.teams().delete(teamA.id()));
        assertNotFound("membership", () -> inB.memberships().remove(alice.id()));

        assertAUnchanged();
    }

    @Test
    void grantingOnAnotherOrganizationsRoleIsNotFound() {
        assertNotFound("role", () -> inB.grants().grant(roleA.id(), Grant.deny(feature, "read")));
        assertNotFound("role", () -> inB.grants().revoke(roleA.id(), feature.id(), "read"));
        assertNotFound("role", () -> inB.grants().replace(roleA.id(), List.of()));
        assertNotFound("role", () -> inB.grants().grantView(roleA.id(), ViewAccess.deny(view.id())));
        assertNotFound("role", () -> inB.grants().replaceViews(roleA.id(), List.of()));

        assertAUnchanged();
        assertThat(db.tenant(a).grants().listViews(roleA.id())).hasSize(1);
    }

    @Test
    void assigningWithAnotherOrganizationsRoleTeamOrMemberIsNotFound() {
        assertNotFound("role", () -> inB.assignments().assign(roleA.id(), bob.id()));
        assertNotFound("team", () -> inB.assignments().assign(roleB.id(), teamA.id()));
        assertNotFound("membership", () -> inB.assignments().assign(roleB.id(), alice.id()));

        assertThat(inB.assignments().listForRole(roleB.id(), PageRequest.first()).items()).isEmpty();
        assertAUnchanged();
    }

    @Test
    void unassigningThroughAnotherOrganizationIsNotFoundAndLeavesTheAssignment() {
        assertNotFound("role", () -> inB.assignments().unassign(roleA.id(), Principal.user(alice.id())));
        assertNotFound("role", () -> inB.assignments().unassign(roleA.id(), Principal.team(teamA.id())));

        assertAUnchanged();
    }

    @Test
    void changingTheMembersOfAnotherOrganizationsTeamIsNotFound() {
        assertNotFound("team", () -> inB.teams().addMember(teamA.id(), bob.id()));
        assertNotFound("team", () -> inB.teams().removeMember(teamA.id(), alice.id()));

        assertAUnchanged();
    }

    @Test
    void addingAMemberOfAnotherOrganizationToATeamNeedsAMembershipHere() {
        Team teamB = data.team(b);

        assertNotFound("membership", () -> inB.teams().addMember(teamB.id(), alice.id()));
        assertThat(inB.teams().members(teamB.id())).isEmpty();
    }

    // --- checks --------------------------------------------------------------------------------

    @Test
    void memberOfAnotherOrganizationPassesNoCheckHere() {
        inB.entitlements().entitle(module.id());

        assertThat(inB.authz().check(alice.id(), feature.id(), "read")).isFalse();
        assertThat(inB.authz().explain(alice.id(), feature.id(), "read").reason()).isEqualTo(Reason.NOT_A_MEMBER);
        assertThat(inB.authz().effectivePermissions(alice.id())).isEmpty();
        assertThat(inB.authz().canAccessView(alice.id(), view.id())).isFalse();
        assertThat(inB.authz().accessibleViews(alice.id())).isEmpty();
    }

    @Test
    void userInBothOrganizationsHoldsOnlyTheRolesAndTeamsOfTheScope() {
        inB.entitlements().entitle(module.id());
        inB.memberships().add(alice.id(), OrgRole.MEMBER);

        assertThat(inB.authz().explain(alice.id(), feature.id(), "read").reason()).isEqualTo(Reason.NO_ALLOW_GRANT);
        assertThat(inB.authz().canAccessView(alice.id(), view.id())).isFalse();
        assertThat(inB.teams().teamsOf(alice.id())).isEmpty();
        assertThat(inB.assignments().listFor(Principal.user(alice.id()))).isEmpty();
        assertThat(db.tenant(a).authz().check(alice.id(), feature.id(), "read")).isTrue();
    }

    @Test
    void roleCodesAndTeamNamesOfAnotherOrganizationAreFreeHere() {
        Role twin = inB.roles().create(new NewRole(roleA.code(), roleA.name()));
        Team twinTeam = inB.teams().create(new NewTeam(teamA.name().toUpperCase(java.util.Locale.ROOT)));

        assertThat(twin.orgId()).isEqualTo(b);
        assertThat(twin.id()).isNotEqualTo(roleA.id());
        assertThat(twinTeam.orgId()).isEqualTo(b);
        assertThat(db.tenant(a).roles().findByCode(roleA.code())).contains(roleA);
    }
}
