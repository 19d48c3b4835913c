package dev.iamkit.testkit;

import static dev.iamkit.testkit.AuditScenario.AGENT;
import static dev.iamkit.testkit.AuditScenario.IP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.TenantScope;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event each tenant change appends to the audit trail: exactly one per call, cascaded
 * deletions included, with the action, target and before/after snapshots of the table in
 * docs/semantics.md, the actor's label, IP and user agent, the organization, the next
 * {@code seq} and the clock's time; for memberships, teams and their members, roles, feature and
 * view grants, assignments and entitlements. What the trail holds as a whole (calls that write
 * nothing, actors, sequence, paging) is pinned by {@link AuditTrailContract}.
 */
public abstract class AuditContract extends ContractBase {
    private AuditScenario scenario;
    private AccessFixtures fx;
    private OrgId org;
    private Actor actor;
    private TenantScope tenant;
    private Feature feature;

    @BeforeEach
    void openScenario() {
        scenario = new AuditScenario(db, data);
        fx = scenario.fx;
        org = scenario.org;
        actor = scenario.actor;
        tenant = scenario.tenant;
        feature = scenario.feature;
    }

    private record Recorded<T>(T result, AuditEvent event) {
    }

    /** Runs one change a minute later than the last, asserts it appended exactly one event as {@link #actor}, and returns both. */
    private <T> Recorded<T> recorded(Supplier<T> change) {
        clock.advance(Duration.ofMinutes(1));
        int before = fx.audit(org).size();
        T result = change.get();
        List<AuditEvent> added = fx.auditSince(org, before);
        assertThat(added).as("events appended by one call").hasSize(1);
        AuditEvent e = added.get(0);
        assertThat(e.orgId()).isEqualTo(org);
        assertThat(e.seq()).isEqualTo(before + 1L);
        assertThat(e.actor()).isEqualTo(actor.label());
        assertThat(e.ip()).contains(IP);
        assertThat(e.userAgent()).contains(AGENT);
        assertThat(e.at()).isEqualTo(clock.instant());
        return new Recorded<>(result, e);
    }

    private AuditEvent recordedRun(Runnable change) {
        return recorded(() -> {
            change.run();
            return null;
        }).event();
    }

    /** Asserts action, target and the exact JSON snapshots; a null snapshot means it must be absent. */
    private static void assertEvent(AuditEvent e, String action, String targetType, Object targetId, Object before, Object after) {
        assertThat(e.action()).isEqualTo(action);
        assertThat(e.targetType()).isEqualTo(targetType);
        assertThat(e.targetId()).isEqualTo(targetId.toString());
        assertThat(e.before()).as("before").isEqualTo(Optional.ofNullable(before).map(Json::write));
        assertThat(e.after()).as("after").isEqualTo(Optional.ofNullable(after).map(Json::write));
    }

    // --- memberships ---------------------------------------------------------------------------

    @Test
    void membershipAddIsRecordedWithTheMembershipAsAfter() {
        User u = data.user();

        Recorded<Membership> r = recorded(() -> tenant.memberships().add(u.id(), OrgRole.ADMIN));

        assertEvent(r.event(), "membership.create", "membership", u.id(), null, r.result());
    }

    @Test
    void membershipInviteIsRecordedAsInvite() {
        User u = data.user();

        Recorded<Membership> r = recorded(() -> tenant.memberships().invite(u.id(), OrgRole.MEMBER));

        assertEvent(r.event(), "membership.invite", "membership", u.id(), null, r.result());
    }

    @Test
    void membershipUpdateRecordsTheStoredAndTheNewMembership() {
        User u = data.member(org);
        Membership stored = tenant.memberships().find(u.id()).orElseThrow();

        Recorded<Membership> r = recorded(() -> tenant.memberships().update(stored.withRole(OrgRole.MANAGER).withStatus(MembershipStatus.SUSPENDED)));

        assertEvent(r.event(), "membership.update", "membership", u.id(), stored, r.result());
    }

    @Test
    void membershipRemovalWithItsTeamsAndRolesIsOneEvent() {
        User u = data.member(org);
        fx.team(org, u);
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), u);
        Membership stored = tenant.memberships().find(u.id()).orElseThrow();

        AuditEvent e = recordedRun(() -> tenant.memberships().remove(u.id()));

        assertEvent(e, "membership.delete", "membership", u.id(), stored, null);
    }

    // --- teams ---------------------------------------------------------------------------------

    @Test
    void teamCreateAndUpdateAreRecordedPerVerb() {
        Recorded<Team> created = recorded(() -> tenant.teams().create(new NewTeam("Billing", "pays")));
        assertEvent(created.event(), "team.create", "team", created.result().id(), null, created.result());

        Recorded<Team> updated = recorded(() -> tenant.teams().update(created.result().withName("Accounts")));

        assertEvent(updated.event(), "team.update", "team", created.result().id(), created.result(), updated.result());
    }

    @Test
    void teamDeletionWithMembersAndAssignmentsIsOneEvent() {
        User u = data.member(org);
        Team team = fx.team(org, u);
        fx.assign(org, data.role(org), team);
        Team stored = tenant.teams().find(team.id()).orElseThrow();

        AuditEvent e = recordedRun(() -> tenant.teams().delete(team.id()));

        assertEvent(e, "team.delete", "team", team.id(), stored, null);
    }

    @Test
    void teamMemberAddAndRemoveRecordTheTeamAndUserPair() {
        User u = data.member(org);
        Team team = data.team(org);
        String pair = "{\"teamId\":\"" + team.id() + "\",\"userId\":\"" + u.id() + "\"}";

        AuditEvent added = recordedRun(() -> tenant.teams().addMember(team.id(), u.id()));
        AuditEvent removed = recordedRun(() -> tenant.teams().removeMember(team.id(), u.id()));

        assertThat(List.of(added.action(), added.targetType(), added.targetId())).containsExactly("team.member.add", "team", team.id().toString());
        assertThat(added.before()).isEmpty();
        assertThat(added.after()).contains(pair);
        assertThat(List.of(removed.action(), removed.targetType(), removed.targetId())).containsExactly("team.member.remove", "team", team.id().toString());
        assertThat(removed.before()).contains(pair);
        assertThat(removed.after()).isEmpty();
    }

    // --- roles and grants ----------------------------------------------------------------------

    @Test
    void roleCreateAndUpdateAreRecordedPerVerb() {
        Recorded<Role> created = recorded(() -> tenant.roles().create(new NewRole("auditor", "Auditor", "reads the books")));
        assertEvent(created.event(), "role.create", "role", created.result().id(), null, created.result());

        Recorded<Role> updated = recorded(() -> tenant.roles().update(created.result().withName("Chief auditor")));

        assertEvent(updated.event(), "role.update", "role", created.result().id(), created.result(), updated.result());
    }

    @Test
    void roleDeletionWithGrantsAndAssignmentsIsOneEvent() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, data.member(org));
        fx.assign(org, role, data.team(org));
        Role stored = tenant.roles().find(role.id()).orElseThrow();

        AuditEvent e = recordedRun(() -> tenant.roles().delete(role.id()));

        assertEvent(e, "role.delete", "role", role.id(), stored, null);
    }

    @Test
    void grantSetRecordsNoBeforeFirstAndThePreviousGrantWhenTheEffectChanges() {
        Role role = data.role(org);
        Recorded<FeatureGrant> first = recorded(() -> tenant.grants().grant(role.id(), Grant.allow(feature, "read")));
        assertEvent(first.event(), "grant.set", "role", role.id(), null, first.result());

        Recorded<FeatureGrant> changed = recorded(() -> tenant.grants().grant(role.id(), Grant.deny(feature, "read")));

        assertEvent(changed.event(), "grant.set", "role", role.id(), first.result(), changed.result());
    }

    @Test
    void grantRemoveRecordsTheRemovedGrantAndRevokingNothingWritesNothing() {
        Role role = data.role(org);
        FeatureGrant stored = tenant.grants().grant(role.id(), Grant.deny(feature, "write"));

        AuditEvent e = recordedRun(() -> tenant.grants().revoke(role.id(), feature.id(), "write"));

        assertEvent(e, "grant.remove", "role", role.id(), stored, null);
        scenario.assertNothingRecorded(() -> assertThat(tenant.grants().revoke(role.id(), feature.id(), "write")).isFalse());
    }

    @Test
    void grantsReplaceRecordsBothListsAndRecordsNothingWhenNothingChanges() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        List<FeatureGrant> old = tenant.grants().list(role.id());

        Recorded<List<FeatureGrant>> replaced = recorded(() -> tenant.grants().replace(role.id(),
                List.of(Grant.deny(feature, "write"), Grant.allow(feature, "read"))));
        assertEvent(replaced.event(), "grants.replace", "role", role.id(), old, replaced.result());

        scenario.assertNothingRecorded(() -> tenant.grants().replace(role.id(),
                List.of(Grant.allow(feature, "read"), Grant.deny(feature, "write"))));

        Recorded<List<FeatureGrant>> flipped = recorded(() -> tenant.grants().replace(role.id(),
                List.of(Grant.allow(feature, "write"), Grant.allow(feature, "read"))));
        assertEvent(flipped.event(), "grants.replace", "role", role.id(), replaced.result(), flipped.result());
    }

    @Test
    void viewGrantsAreRecordedLikeFeatureGrants() {
        Role role = data.role(org);
        View view = data.view();
        View other = data.view();

        Recorded<ViewGrant> set = recorded(() -> tenant.grants().grantView(role.id(), ViewAccess.allow(view.id())));
        assertEvent(set.event(), "view_grant.set", "role", role.id(), null, set.result());
        scenario.assertNothingRecorded(() -> tenant.grants().grantView(role.id(), ViewAccess.allow(view.id())));
        Recorded<ViewGrant> changed = recorded(() -> tenant.grants().grantView(role.id(), ViewAccess.deny(view.id())));
        assertEvent(changed.event(), "view_grant.set", "role", role.id(), set.result(), changed.result());

        List<ViewGrant> old = tenant.grants().listViews(role.id());
        assertThat(old).containsExactly(changed.result());
        Recorded<List<ViewGrant>> replaced = recorded(() -> tenant.grants().replaceViews(role.id(),
                List.of(ViewAccess.allow(view.id()), ViewAccess.allow(other.id()))));
        assertEvent(replaced.event(), "view_grants.replace", "role", role.id(), old, replaced.result());
        scenario.assertNothingRecorded(() -> tenant.grants().replaceViews(role.id(),
                List.of(ViewAccess.allow(other.id()), ViewAccess.allow(view.id()))));

        ViewGrant removedGrant = tenant.grants().listViews(role.id()).stream().filter(g -> g.viewId().equals(other.id())).findFirst().orElseThrow();
        AuditEvent removed = recordedRun(() -> tenant.grants().revokeView(role.id(), other.id()));
        assertEvent(removed, "view_grant.remove", "role", role.id(), removedGrant, null);
        scenario.assertNothingRecorded(() -> assertThat(tenant.grants().revokeView(role.id(), other.id())).isFalse());
    }

    // --- assignments and entitlements ----------------------------------------------------------

    @Test
    void assignmentSetRecordsTheAssignmentAndAssigningAgainRecordsThePreviousOne() {
        Role role = data.role(org);
        User u = data.member(org);
        Recorded<Assignment> first = recorded(() -> tenant.assignments().assign(role.id(), u.id()));
        assertEvent(first.event(), "assignment.set", "role", role.id(), null, first.result());

        Instant expiry = clock.instant().plus(Duration.ofDays(30));
        Recorded<Assignment> again = recorded(() -> tenant.assignments().assign(role.id(), Principal.user(u.id()), Optional.of(expiry)));

        assertEvent(again.event(), "assignment.set", "role", role.id(), first.result(), again.result());
        assertThat(again.result().expiresAt()).contains(expiry);
    }

    @Test
    void assignmentRemoveRecordsTheAssignmentAndUnassigningNothingWritesNothing() {
        Role role = data.role(org);
        Team team = data.team(org);
        Assignment stored = tenant.assignments().assign(role.id(), team.id());

        AuditEvent e = recordedRun(() -> tenant.assignments().unassign(role.id(), Principal.team(team.id())));

        assertEvent(e, "assignment.remove", "role", role.id(), stored, null);
        scenario.assertNothingRecorded(() -> assertThat(tenant.assignments().unassign(role.id(), Principal.team(team.id()))).isFalse());
    }

    @Test
    void entitlementChangesAreRecordedAgainstTheModule() {
        Module module = data.module();
        Recorded<Entitlement> set = recorded(() -> tenant.entitlements().entitle(module.id()));
        assertEvent(set.event(), "entitlement.set", "module", module.id(), null, set.result());

        Recorded<Entitlement> again = recorded(() -> tenant.entitlements().entitle(module.id(), Optional.of(clock.instant().plus(Duration.ofDays(1)))));
        assertEvent(again.event(), "entitlement.set", "module", module.id(), set.result(), again.result());

        Recorded<Entitlement> disabled = recorded(() -> tenant.entitlements().setEnabled(module.id(), false));
        assertEvent(disabled.event(), "entitlement.update", "module", module.id(), again.result(), disabled.result());

        AuditEvent revoked = recordedRun(() -> tenant.entitlements().revoke(module.id()));
        assertEvent(revoked, "entitlement.remove", "module", module.id(), disabled.result(), null);
        scenario.assertNothingRecorded(() -> assertThat(tenant.entitlements().revoke(module.id())).isFalse());
    }
}
