package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.allPages;
import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.itemsOf;
import static dev.iamkit.testkit.TenantFixtures.sizesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.store.AssignmentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every store does with role assignments: {@code tenant(org).assignments()}. */
public abstract class AssignmentStoreContract extends ContractBase {

    private AssignmentStore assignments(OrgId org) {
        return db.tenant(org).assignments();
    }

    // ---- assign -------------------------------------------------------------------------------

    @Test
    void assignToAUserStoresTheActorsLabelTheClocksNowAndTheExpiry() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        User user = data.member(org);
        Role role = data.role(org);
        clock.advance(Duration.ofMinutes(20));
        Instant now = clock.instant();
        Instant expiry = now.plus(Duration.ofDays(30));

        Assignment a = db.inTenant(org, Actor.user(admin.id()),
                tx -> tx.assignments().assign(role.id(), Principal.user(user.id()), Optional.of(expiry)));

        Assignment expected = new Assignment(org, role.id(), Principal.user(user.id()), "user:" + admin.id(), now, Optional.of(expiry));
        assertThat(a).isEqualTo(expected);
        assertThat(assignments(org).listFor(Principal.user(user.id()))).containsExactly(expected);
    }

    @Test
    void assignToATeamWithoutExpiryThroughTheSystemScope() {
        OrgId org = data.org().id();
        Team team = data.team(org);
        Role role = data.role(org);
        Instant now = clock.instant();

        Assignment a = assignments(org).assign(role.id(), team.id());

        Assignment expected = new Assignment(org, role.id(), Principal.team(team.id()), "system", now, Optional.empty());
        assertThat(a).isEqualTo(expected);
        assertThat(assignments(org).listFor(Principal.team(team.id()))).containsExactly(expected);
    }

    @Test
    void assigningAgainReplacesExpiryGrantorAndTime() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        User user = data.member(org);
        Role role = data.role(org);
        assignments(org).assign(role.id(), Principal.user(user.id()), Optional.of(clock.instant().plus(Duration.ofDays(1))));
        clock.advance(Duration.ofHours(6));
        Instant later = clock.instant();

        Assignment again = db.inTenant(org, Actor.user(admin.id()),
                tx -> tx.assignments().assign(role.id(), Principal.user(user.id()), Optional.empty()));

        Assignment expected = new Assignment(org, role.id(), Principal.user(user.id()), "user:" + admin.id(), later, Optional.empty());
        assertThat(again).isEqualTo(expected);
        assertThat(assignments(org).listForRole(role.id(), PageRequest.first()).items()).containsExactly(expected);
    }

    @Test
    void anExpiryAtOrBeforeNowThrowsValidationOnExpiresAtAndWritesNothing() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Team team = data.team(org);
        Role role = data.role(org);
        clock.advance(Duration.ofDays(3));
        Instant now = clock.instant();

        assertValidation(() -> assignments(org).assign(role.id(), Principal.user(user.id()), Optional.of(now)), "expiresAt");
        assertValidation(() -> assignments(org).assign(role.id(), Principal.user(user.id()),
                Optional.of(now.minus(Duration.ofSeconds(1)))), "expiresAt");
        assertValidation(() -> assignments(org).assign(role.id(), Principal.team(team.id()), Optional.of(now)), "expiresAt");
        assertThat(assignments(org).listForRole(role.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void anExpiryJustAfterNowIsAccepted() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Role role = data.role(org);
        Instant soon = clock.instant().plusMillis(1);

        Assignment a = assignments(org).assign(role.id(), Principal.user(user.id()), Optional.of(soon));

        assertThat(a.expiresAt()).contains(soon);
    }

    @Test
    void reassigningWithAPastExpiryThrowsAndKeepsTheStoredAssignment() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Role role = data.role(org);
        Assignment original = assignments(org).assign(role.id(), user.id());
        clock.advance(Duration.ofHours(1));

        assertValidation(() -> assignments(org).assign(role.id(), Principal.user(user.id()),
                Optional.of(clock.instant().minus(Duration.ofMinutes(1)))), "expiresAt");
        assertThat(assignments(org).listFor(Principal.user(user.id()))).containsExactly(original);
    }

    @Test
    void assignToAUserWhoIsNotAMemberOfTheOrganizationThrowsNotFoundOnMembership() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        User outsider = data.member(other);
        Role role = data.role(org);
        UserId unknown = UserId.of(UUID.randomUUID());

        assertNotFound(() -> assignments(org).assign(role.id(), outsider.id()), "membership", outsider.id());
        assertNotFound(() -> assignments(org).assign(role.id(), unknown), "membership", unknown);
        assertThat(assignments(org).listForRole(role.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void aRoleCanBeAssignedToAnInvitedMember() {
        OrgId org = data.org().id();
        User invited = data.user();
        db.tenant(org).memberships().invite(invited.id(), OrgRole.MEMBER);
        Role role = data.role(org);

        Assignment a = assignments(org).assign(role.id(), invited.id());

        assertThat(a.principal()).isEqualTo(Principal.user(invited.id()));
        assertThat(assignments(org).listFor(Principal.user(invited.id()))).containsExactly(a);
    }

    @Test
    void assignOfAnUnknownRoleOrAnotherOrganizationsRoleThrowsNotFoundOnRole() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.member(a);
        db.tenant(b).memberships().add(user.id(), OrgRole.MEMBER);
        Role inB = data.role(b);
        RoleId unknown = RoleId.of(UUID.randomUUID());

        assertNotFound(() -> assignments(a).assign(unknown, user.id()), "role", unknown);
        assertNotFound(() -> assignments(a).assign(inB.id(), user.id()), "role", inB.id());
        assertThat(assignments(a).listFor(Principal.user(user.id()))).isEmpty();
        assertThat(assignments(b).listFor(Principal.user(user.id()))).isEmpty();
    }

    @Test
    void assignToAnUnknownTeamOrAnotherOrganizationsTeamThrowsNotFoundOnTeam() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Role role = data.role(a);
        Team inB = data.team(b);
        TeamId unknown = TeamId.of(UUID.randomUUID());

        assertNotFound(() -> assignments(a).assign(role.id(), unknown), "team", unknown);
        assertNotFound(() -> assignments(a).assign(role.id(), inB.id()), "team", inB.id());
        assertThat(assignments(a).listForRole(role.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void anAssignmentMadeInATransactionThatFailsIsRolledBack() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Role role = data.role(org);

        assertThatThrownBy(() -> db.inTenant(org, Actor.user(user.id()), tx -> {
            tx.assignments().assign(role.id(), user.id());
            assertThat(tx.assignments().listFor(Principal.user(user.id()))).hasSize(1);
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(assignments(org).listFor(Principal.user(user.id()))).isEmpty();
    }

    // ---- unassign -----------------------------------------------------------------------------

    @Test
    void unassignReturnsTrueWhenThePrincipalHeldTheRoleAndFalseOtherwise() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Team team = data.team(org);
        Role role = data.role(org);
        assignments(org).assign(role.id(), user.id());
        Assignment teamAssignment = assignments(org).assign(role.id(), team.id());

        boolean removed = db.inTenant(org, Actor.user(user.id()),
                tx -> tx.assignments().unassign(role.id(), Principal.user(user.id())));

        assertThat(removed).isTrue();
        assertThat(assignments(org).unassign(role.id(), Principal.user(user.id()))).isFalse();
        assertThat(assignments(org).unassign(role.id(), Principal.user(data.member(org).id()))).isFalse();
        assertThat(assignments(org).listForRole(role.id(), PageRequest.first()).items()).containsExactly(teamAssignment);
    }

    @Test
    void unassignInAnotherOrganizationIsNotFoundAndRemovesNothing() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.member(a);
        db.tenant(b).memberships().add(user.id(), OrgRole.MEMBER);
        Role inA = data.role(a);
        Assignment assignment = assignments(a).assign(inA.id(), user.id());

        assertThatThrownBy(() -> assignments(b).unassign(inA.id(), Principal.user(user.id())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("role"));
        assertThat(assignments(a).listFor(Principal.user(user.id()))).containsExactly(assignment);
    }

    @Test
    void unassignOfAnUnknownRoleIsNotFound() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Role role = data.role(org);
        db.tenant(org).roles().delete(role.id());

        assertThatThrownBy(() -> assignments(org).unassign(role.id(), Principal.user(user.id())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("role"));
    }

    // ---- listFor ------------------------------------------------------------------------------

    @Test
    void listForAUserHasOnlyDirectAssignmentsInRoleIdOrderIncludingExpiredOnes() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Team team = data.team(org);
        db.tenant(org).teams().addMember(team.id(), user.id());
        Role r1 = data.role(org);
        Role r2 = data.role(org);
        Role r3 = data.role(org);
        Role r4 = data.role(org);
        assignments(org).assign(r3.id(), user.id());
        assignments(org).assign(r2.id(), team.id());
        assignments(org).assign(r4.id(), Principal.user(user.id()), Optional.of(clock.instant().plus(Duration.ofHours(1))));
        assignments(org).assign(r1.id(), user.id());
        clock.advance(Duration.ofHours(2));

        List<Assignment> direct = assignments(org).listFor(Principal.user(user.id()));

        assertThat(direct).extracting(Assignment::roleId).containsExactly(r1.id(), r3.id(), r4.id());
        assertThat(direct.get(2).activeAt(clock.instant())).isFalse();
        assertThat(assignments(org).listFor(Principal.team(team.id()))).extracting(Assignment::roleId)
                .containsExactly(r2.id());
    }

    @Test
    void listForAPrincipalWithoutAssignmentsIsEmpty() {
        OrgId org = data.org().id();
        User member = data.member(org);
        Team team = data.team(org);

        assertThat(assignments(org).listFor(Principal.user(member.id()))).isEmpty();
        assertThat(assignments(org).listFor(Principal.team(team.id()))).isEmpty();
        assertThat(assignments(org).listFor(Principal.user(UserId.of(UUID.randomUUID())))).isEmpty();
        assertThat(assignments(org).listFor(Principal.team(TeamId.of(UUID.randomUUID())))).isEmpty();
    }

    @Test
    void assignmentsOfOneOrganizationAreNotListedInAnother() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.member(a);
        db.tenant(b).memberships().add(user.id(), OrgRole.MEMBER);
        Role inA = data.role(a);
        Role inB = data.role(b);
        assignments(a).assign(inA.id(), user.id());
        assignments(b).assign(inB.id(), user.id());

        assertThat(assignments(a).listFor(Principal.user(user.id()))).extracting(Assignment::roleId).containsExactly(inA.id());
        assertThat(assignments(b).listFor(Principal.user(user.id()))).extracting(Assignment::roleId).containsExactly(inB.id());
        assertThat(assignments(b).listFor(Principal.user(user.id()))).extracting(Assignment::orgId).containsExactly(b);
    }

    // ---- listForRole --------------------------------------------------------------------------

    @Test
    void listForRoleMixesUsersAndTeamsInPrincipalIdOrder() {
        OrgId org = data.org().id();
        User u1 = data.member(org);
        Team t1 = data.team(org);
        User u2 = data.member(org);
        Team t2 = data.team(org);
        Role role = data.role(org);
        assignments(org).assign(role.id(), t2.id());
        assignments(org).assign(role.id(), u2.id());
        assignments(org).assign(role.id(), u1.id());
        assignments(org).assign(role.id(), t1.id());
        assignments(org).assign(data.role(org).id(), u1.id());

        Page<Assignment> page = assignments(org).listForRole(role.id(), PageRequest.first());

        assertThat(page.items()).extracting(Assignment::principal).containsExactly(
                Principal.user(u1.id()), Principal.team(t1.id()), Principal.user(u2.id()), Principal.team(t2.id()));
        assertThat(page.items()).extracting(Assignment::roleId).containsOnly(role.id());
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void listForRolePagesInPrincipalIdOrderIncludingExpiredAssignments() {
        OrgId org = data.org().id();
        User u1 = data.member(org);
        Team t1 = data.team(org);
        User u2 = data.member(org);
        User u3 = data.member(org);
        Team t2 = data.team(org);
        Role role = data.role(org);
        Instant inAnHour = clock.instant().plus(Duration.ofHours(1));
        assignments(org).assign(role.id(), Principal.user(u3.id()), Optional.of(inAnHour));
        assignments(org).assign(role.id(), Principal.team(t1.id()), Optional.of(inAnHour));
        assignments(org).assign(role.id(), u1.id());
        assignments(org).assign(role.id(), t2.id());
        assignments(org).assign(role.id(), u2.id());
        clock.advance(Duration.ofDays(1));

        List<Page<Assignment>> pages = allPages(r -> assignments(org).listForRole(role.id(), r), 2);

        assertThat(sizesOf(pages)).containsExactly(2, 2, 1);
        assertThat(itemsOf(pages)).extracting(Assignment::principal).containsExactly(
                Principal.user(u1.id()), Principal.team(t1.id()), Principal.user(u2.id()),
                Principal.user(u3.id()), Principal.team(t2.id()));
    }

    @Test
    void listForRoleOfAnUnknownRoleOrAnotherOrganizationsRoleThrowsNotFoundOnRole() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.member(a);
        Role inA = data.role(a);
        assignments(a).assign(inA.id(), user.id());
        RoleId unknown = RoleId.of(UUID.randomUUID());

        assertNotFound(() -> assignments(a).listForRole(unknown, PageRequest.first()), "role", unknown);
        assertNotFound(() -> assignments(b).listForRole(inA.id(), PageRequest.first()), "role", inA.id());
    }
}
