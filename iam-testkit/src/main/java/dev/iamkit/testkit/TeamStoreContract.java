package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.allPages;
import static dev.iamkit.testkit.TenantFixtures.assertAlreadyExists;
import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertStale;
import static dev.iamkit.testkit.TenantFixtures.assertTenantMismatch;
import static dev.iamkit.testkit.TenantFixtures.itemsOf;
import static dev.iamkit.testkit.TenantFixtures.sizesOf;
import static dev.iamkit.testkit.TenantFixtures.unknownOrgId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.store.TeamStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What every store does with the teams of an organization: {@code tenant(org).teams()}. */
public abstract class TeamStoreContract extends ContractBase {

    private TeamStore teams(OrgId org) {
        return db.tenant(org).teams();
    }

    // ---- create / find ------------------------------------------------------------------------

    @Test
    void createReturnsTheTeamAtVersionZeroStampedWithTheClock() {
        OrgId org = data.org().id();
        clock.advance(Duration.ofHours(1));
        Instant now = clock.instant();

        Team team = teams(org).create(new NewTeam("Platform", "Keeps the lights on"));

        assertThat(team.orgId()).isEqualTo(org);
        assertThat(team.name()).isEqualTo("Platform");
        assertThat(team.description()).isEqualTo("Keeps the lights on");
        assertThat(team.version()).isZero();
        assertThat(team.createdAt()).isEqualTo(now);
        assertThat(team.updatedAt()).isEqualTo(now);
        assertThat(teams(org).find(team.id())).contains(team);
    }

    @Test
    void teamNamesAreUniquePerOrganizationIgnoringCase() {
        OrgId org = data.org().id();
        Team platform = teams(org).create(new NewTeam("Platform"));

        assertAlreadyExists(() -> teams(org).create(new NewTeam("Platform")), "team", "name");
        assertAlreadyExists(() -> teams(org).create(new NewTeam("PLATFORM")), "team", "name");
        assertAlreadyExists(() -> teams(org).create(new NewTeam("platform")), "team", "name");
        assertThat(teams(org).list(PageRequest.first()).items()).containsExactly(platform);
    }

    @Test
    void sameTeamNameInAnotherOrganizationIsAllowed() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Team inA = teams(a).create(new NewTeam("Platform"));

        Team inB = teams(b).create(new NewTeam("platform"));

        assertThat(inB.id()).isNotEqualTo(inA.id());
        assertThat(inB.orgId()).isEqualTo(b);
        assertThat(teams(a).findByName("platform")).contains(inA);
        assertThat(teams(b).findByName("platform")).contains(inB);
    }

    @Test
    void createInAnOrganizationThatDoesNotExistThrowsNotFoundOnOrganization() {
        OrgId nowhere = unknownOrgId();

        assertNotFound(() -> teams(nowhere).create(new NewTeam("Platform")), "organization", nowhere);
        assertThat(teams(nowhere).list(PageRequest.first()).items()).isEmpty();
        assertThat(teams(nowhere).findByName("Platform")).isEmpty();
    }

    @Test
    void findByNameIgnoresCaseAndMatchesTheWholeName() {
        OrgId org = data.org().id();
        Team team = teams(org).create(new NewTeam("Data Science"));

        assertThat(teams(org).findByName("data science")).contains(team);
        assertThat(teams(org).findByName("DATA SCIENCE")).contains(team);
        assertThat(teams(org).findByName("Data Science")).contains(team);
        assertThat(teams(org).findByName("Data")).isEmpty();
        assertThat(teams(org).findByName("Data Science Team")).isEmpty();
    }

    @Test
    void anotherOrganizationsTeamIsNotFoundByIdOrName() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Team inA = teams(a).create(new NewTeam("Finance"));

        assertThat(teams(b).find(inA.id())).isEmpty();
        assertThat(teams(b).findByName("Finance")).isEmpty();
        assertThat(teams(b).list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void listPagesThroughTeamsInCreationOrderNotNameOrder() {
        OrgId org = data.org().id();
        List<Team> created = Stream.of("Zulu", "Alpha", "Mike", "Bravo", "Yankee")
                .map(n -> teams(org).create(new NewTeam(n)))
                .toList();
        data.team(data.org().id());

        var pages = allPages(r -> teams(org).list(r), 2);

        assertThat(sizesOf(pages)).containsExactly(2, 2, 1);
        assertThat(itemsOf(pages)).containsExactlyElementsOf(created);
    }

    // ---- update -------------------------------------------------------------------------------

    @Test
    void updateStoresNameAndDescriptionAndIncrementsTheVersion() {
        OrgId org = data.org().id();
        Instant created = clock.instant();
        Team team = teams(org).create(new NewTeam("Ops", "old"));
        clock.advance(Duration.ofMinutes(10));
        Instant later = clock.instant();

        Team updated = teams(org).update(team.withName("Operations").withDescription("new"));

        assertThat(updated).isEqualTo(new Team(org, team.id(), "Operations", "new", 1, created, later));
        assertThat(teams(org).find(team.id())).contains(updated);
        assertThat(teams(org).findByName("ops")).isEmpty();
        assertThat(teams(org).findByName("operations")).contains(updated);
    }

    @Test
    void updateMayChangeOnlyTheCaseOfTheTeamsOwnName() {
        OrgId org = data.org().id();
        Team team = teams(org).create(new NewTeam("platform"));

        Team updated = teams(org).update(team.withName("Platform"));

        assertThat(updated.name()).isEqualTo("Platform");
        assertThat(updated.version()).isEqualTo(1);
    }

    @Test
    void updateToAnotherTeamsNameInAnyCaseThrowsAlreadyExistsOnName() {
        OrgId org = data.org().id();
        teams(org).create(new NewTeam("Platform"));
        Team ops = teams(org).create(new NewTeam("Ops"));

        assertAlreadyExists(() -> teams(org).update(ops.withName("PLATFORM")), "team", "name");
        assertThat(teams(org).find(ops.id())).contains(ops);
    }

    @Test
    void updateWithAStaleVersionThrowsStaleVersionAndKeepsTheStoredTeam() {
        OrgId org = data.org().id();
        Team read = teams(org).create(new NewTeam("Ops"));
        Team first = teams(org).update(read.withDescription("first"));

        assertStale(() -> teams(org).update(read.withDescription("second")), "team", read.id(), 0);
        assertThat(teams(org).find(read.id())).contains(first);
    }

    @Test
    void updateOfATeamReadInAnotherOrganizationThrowsTenantMismatch() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Team inA = teams(a).create(new NewTeam("Ops"));

        assertTenantMismatch(() -> teams(b).update(inA.withName("Hijacked")), b, a);
        assertThat(teams(a).find(inA.id())).contains(inA);
        assertThat(teams(b).list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void updateOfADeletedTeamThrowsNotFoundOnTeam() {
        OrgId org = data.org().id();
        Team team = teams(org).create(new NewTeam("Ops"));
        teams(org).delete(team.id());

        assertNotFound(() -> teams(org).update(team.withName("Back")), "team", team.id());
        assertThat(teams(org).findByName("Back")).isEmpty();
    }

    // ---- delete -------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheTeamItsMemberListAndItsAssignments() {
        OrgId org = data.org().id();
        User alice = data.member(org);
        User bob = data.member(org);
        Team team = data.team(org);
        Team kept = data.team(org);
        Role role = data.role(org);
        teams(org).addMember(team.id(), alice.id());
        teams(org).addMember(team.id(), bob.id());
        teams(org).addMember(kept.id(), alice.id());
        db.tenant(org).assignments().assign(role.id(), team.id());
        db.tenant(org).assignments().assign(role.id(), kept.id());
        db.tenant(org).assignments().assign(role.id(), bob.id());

        db.inTenant(org, Actor.user(alice.id()), tx -> {
            tx.teams().delete(team.id());
            return null;
        });

        assertThat(teams(org).find(team.id())).isEmpty();
        assertThat(teams(org).findByName(team.name())).isEmpty();
        assertNotFound(() -> teams(org).members(team.id()), "team", team.id());
        assertThat(teams(org).teamsOf(alice.id())).containsExactly(kept);
        assertThat(teams(org).teamsOf(bob.id())).isEmpty();
        assertThat(db.tenant(org).assignments().listFor(Principal.team(team.id()))).isEmpty();
        assertThat(db.tenant(org).assignments().listForRole(role.id(), PageRequest.first()).items())
                .extracting(Assignment::principal)
                .containsExactly(Principal.user(bob.id()), Principal.team(kept.id()));
        assertThat(db.tenant(org).memberships().find(bob.id())).isPresent();
    }

    @Test
    void aDeletedTeamsNameCanBeUsedAgain() {
        OrgId org = data.org().id();
        Team old = teams(org).create(new NewTeam("Ops"));
        teams(org).delete(old.id());

        Team fresh = teams(org).create(new NewTeam("OPS"));

        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(teams(org).findByName("ops")).contains(fresh);
    }

    @Test
    void deleteOfAnUnknownTeamOrAnotherOrganizationsTeamThrowsNotFoundOnTeam() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Team inA = data.team(a);
        TeamId unknown = TeamId.of(UUID.randomUUID());

        assertNotFound(() -> teams(a).delete(unknown), "team", unknown);
        assertNotFound(() -> teams(b).delete(inA.id()), "team", inA.id());
        assertThat(teams(a).find(inA.id())).contains(inA);
    }

    // ---- members ------------------------------------------------------------------------------

    @Test
    void addMemberReturnsTrueWhenAddedAndFalseWhenAlreadyInTheTeam() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Team team = data.team(org);

        assertThat(teams(org).addMember(team.id(), user.id())).isTrue();
        assertThat(teams(org).addMember(team.id(), user.id())).isFalse();
        assertThat(teams(org).members(team.id())).containsExactly(user.id());
    }

    @Test
    void addMemberOfAUserWhoIsNotAMemberOfTheOrganizationThrowsNotFoundOnMembership() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        User outsider = data.member(other);
        Team team = data.team(org);

        assertNotFound(() -> teams(org).addMember(team.id(), outsider.id()), "membership", outsider.id());
        assertThat(teams(org).members(team.id())).isEmpty();
    }

    @Test
    void invitedAndSuspendedMembersCanBeAddedToATeam() {
        OrgId org = data.org().id();
        User invited = data.user();
        User suspended = data.user();
        db.tenant(org).memberships().invite(invited.id(), OrgRole.MEMBER);
        var m = db.tenant(org).memberships().add(suspended.id(), OrgRole.MEMBER);
        db.tenant(org).memberships().update(m.withStatus(MembershipStatus.SUSPENDED));
        Team team = data.team(org);

        assertThat(teams(org).addMember(team.id(), invited.id())).isTrue();
        assertThat(teams(org).addMember(team.id(), suspended.id())).isTrue();
        assertThat(teams(org).members(team.id())).containsExactly(invited.id(), suspended.id());
    }

    @Test
    void addMemberToAnUnknownTeamOrAnotherOrganizationsTeamThrowsNotFoundOnTeam() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.member(a);
        db.tenant(b).memberships().add(user.id(), OrgRole.MEMBER);
        Team inA = data.team(a);
        TeamId unknown = TeamId.of(UUID.randomUUID());

        assertNotFound(() -> teams(a).addMember(unknown, user.id()), "team", unknown);
        assertNotFound(() -> teams(b).addMember(inA.id(), user.id()), "team", inA.id());
        assertThat(teams(a).members(inA.id())).isEmpty();
    }

    @Test
    void removeMemberReturnsTrueWhenTheUserWasInTheTeamAndFalseOtherwise() {
        OrgId org = data.org().id();
        User stays = data.member(org);
        User leaves = data.member(org);
        User never = data.member(org);
        Team team = data.team(org);
        teams(org).addMember(team.id(), stays.id());
        teams(org).addMember(team.id(), leaves.id());

        boolean removed = db.inTenant(org, Actor.user(stays.id()), tx -> tx.teams().removeMember(team.id(), leaves.id()));

        assertThat(removed).isTrue();
        assertThat(teams(org).removeMember(team.id(), leaves.id())).isFalse();
        assertThat(teams(org).removeMember(team.id(), never.id())).isFalse();
        assertThat(teams(org).removeMember(team.id(), UserId.of(UUID.randomUUID()))).isFalse();
        assertThat(teams(org).members(team.id())).containsExactly(stays.id());
    }

    @Test
    void removeMemberOrMembersOfAnUnknownTeamThrowsNotFoundOnTeam() {
        OrgId org = data.org().id();
        User user = data.member(org);
        TeamId unknown = TeamId.of(UUID.randomUUID());

        assertNotFound(() -> teams(org).removeMember(unknown, user.id()), "team", unknown);
        assertNotFound(() -> teams(org).members(unknown), "team", unknown);
    }

    @Test
    void membersAreListedInUserIdOrderNotInOrderOfAdding() {
        OrgId org = data.org().id();
        List<User> users = Stream.generate(() -> data.member(org)).limit(4).toList();
        Team team = data.team(org);
        for (int i : new int[] {2, 0, 3, 1}) {
            teams(org).addMember(team.id(), users.get(i).id());
        }

        assertThat(teams(org).members(team.id())).containsExactlyElementsOf(users.stream().map(User::id).toList());
    }

    @Test
    void teamsOfListsTheCurrentTeamsOfTheUserInTeamIdOrderWithinTheOrganization() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.member(a);
        db.tenant(b).memberships().add(user.id(), OrgRole.MEMBER);
        Team t1 = teams(a).create(new NewTeam("Zeta"));
        teams(a).create(new NewTeam("Alpha"));
        Team t3 = teams(a).create(new NewTeam("Mu"));
        Team inB = data.team(b);
        teams(a).addMember(t3.id(), user.id());
        teams(a).addMember(t1.id(), user.id());
        teams(b).addMember(inB.id(), user.id());
        Team renamed = teams(a).update(t3.withName("Omega"));

        assertThat(teams(a).teamsOf(user.id())).containsExactly(t1, renamed);
        assertThat(teams(b).teamsOf(user.id())).containsExactly(inB);
        assertThat(teams(a).teamsOf(data.member(a).id())).isEmpty();
    }
}
