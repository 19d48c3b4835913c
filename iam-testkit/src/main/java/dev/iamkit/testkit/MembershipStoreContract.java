package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.allPages;
import static dev.iamkit.testkit.TenantFixtures.assertAlreadyExists;
import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertStale;
import static dev.iamkit.testkit.TenantFixtures.assertTenantMismatch;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.itemsOf;
import static dev.iamkit.testkit.TenantFixtures.sizesOf;
import static dev.iamkit.testkit.TenantFixtures.unknownOrgId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.store.MembershipStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What every store does with the memberships of an organization: {@code tenant(org).memberships()}. */
public abstract class MembershipStoreContract extends ContractBase {

    private MembershipStore memberships(OrgId org) {
        return db.tenant(org).memberships();
    }

    // ---- add / invite -------------------------------------------------------------------------

    @Test
    void addCreatesAnActiveMembershipJoinedAtTheClocksNow() {
        OrgId org = data.org().id();
        User user = data.user();
        clock.advance(Duration.ofHours(3));
        Instant now = clock.instant();

        Membership m = memberships(org).add(user.id(), OrgRole.ADMIN);

        assertThat(m).isEqualTo(new Membership(org, user.id(), OrgRole.ADMIN, MembershipStatus.ACTIVE,
                Optional.of(now), 0, now, now));
        assertThat(memberships(org).find(user.id())).contains(m);
    }

    @Test
    void inviteCreatesAnInvitedMembershipWithoutJoinedAt() {
        OrgId org = data.org().id();
        User user = data.user();
        Instant now = clock.instant();

        Membership m = memberships(org).invite(user.id(), OrgRole.MEMBER);

        assertThat(m).isEqualTo(new Membership(org, user.id(), OrgRole.MEMBER, MembershipStatus.INVITED,
                Optional.empty(), 0, now, now));
        assertThat(memberships(org).find(user.id())).contains(m);
    }

    @Test
    void activatingAnInvitationSetsJoinedAtToTheTimeOfActivation() {
        OrgId org = data.org().id();
        User user = data.user();
        Instant invitedAt = clock.instant();
        Membership invited = memberships(org).invite(user.id(), OrgRole.MEMBER);
        clock.advance(Duration.ofDays(2));
        Instant activatedAt = clock.instant();

        Membership active = memberships(org).update(invited.withStatus(MembershipStatus.ACTIVE));

        assertThat(active.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(active.joinedAt()).contains(activatedAt);
        assertThat(active.createdAt()).isEqualTo(invitedAt);
        assertThat(active.updatedAt()).isEqualTo(activatedAt);
        assertThat(memberships(org).find(user.id())).contains(active);
    }

    @Test
    void joinedAtKeepsTheFirstActivationWhenSuspendedAndReactivated() {
        OrgId org = data.org().id();
        User user = data.user();
        Instant joined = clock.instant();
        Membership m = memberships(org).add(user.id(), OrgRole.MEMBER);
        clock.advance(Duration.ofDays(1));
        Membership suspended = memberships(org).update(m.withStatus(MembershipStatus.SUSPENDED));
        clock.advance(Duration.ofDays(1));

        Membership reactivated = memberships(org).update(suspended.withStatus(MembershipStatus.ACTIVE));

        assertThat(suspended.joinedAt()).contains(joined);
        assertThat(reactivated.joinedAt()).contains(joined);
        assertThat(reactivated.version()).isEqualTo(2);
    }

    @Test
    void addingAUserWhoIsAlreadyAMemberThrowsAlreadyExistsOnUserId() {
        OrgId org = data.org().id();
        User user = data.user();
        Membership first = memberships(org).add(user.id(), OrgRole.MEMBER);

        assertAlreadyExists(() -> memberships(org).add(user.id(), OrgRole.OWNER), "membership", "userId", user.id());
        assertThat(memberships(org).find(user.id())).contains(first);
    }

    @Test
    void invitingAUserWhoIsAlreadyInvitedOrAMemberThrowsAlreadyExistsOnUserId() {
        OrgId org = data.org().id();
        User invited = data.user();
        User member = data.user();
        memberships(org).invite(invited.id(), OrgRole.MEMBER);
        memberships(org).add(member.id(), OrgRole.MEMBER);

        assertAlreadyExists(() -> memberships(org).invite(invited.id(), OrgRole.ADMIN), "membership", "userId", invited.id());
        assertAlreadyExists(() -> memberships(org).invite(member.id(), OrgRole.ADMIN), "membership", "userId", member.id());
        assertThat(memberships(org).find(invited.id())).get().extracting(Membership::role, Membership::status)
                .containsExactly(OrgRole.MEMBER, MembershipStatus.INVITED);
    }

    @Test
    void addingAnUnknownUserThrowsNotFoundOnUser() {
        OrgId org = data.org().id();
        UserId stranger = UserId.of(UUID.randomUUID());

        assertNotFound(() -> memberships(org).add(stranger, OrgRole.MEMBER), "user", stranger);
        assertNotFound(() -> memberships(org).invite(stranger, OrgRole.MEMBER), "user", stranger);
        assertThat(memberships(org).list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void addingOrInvitingADeletedUserThrowsNotFoundOnUser() {
        OrgId org = data.org().id();
        User user = data.user();
        db.users().delete(user.id());

        assertNotFound(() -> memberships(org).add(user.id(), OrgRole.MEMBER), "user", user.id());
        assertNotFound(() -> memberships(org).invite(user.id(), OrgRole.MEMBER), "user", user.id());
        assertThat(memberships(org).find(user.id())).isEmpty();
    }

    @Test
    void writesInAnOrganizationThatDoesNotExistThrowNotFoundOnOrganization() {
        OrgId nowhere = unknownOrgId();
        User user = data.user();
        Instant now = clock.instant();
        Membership fabricated = new Membership(nowhere, user.id(), OrgRole.ADMIN, MembershipStatus.ACTIVE,
                Optional.of(now), 0, now, now);

        assertNotFound(() -> memberships(nowhere).add(user.id(), OrgRole.MEMBER), "organization", nowhere);
        assertNotFound(() -> memberships(nowhere).invite(user.id(), OrgRole.MEMBER), "organization", nowhere);
        assertNotFound(() -> memberships(nowhere).update(fabricated), "organization", nowhere);
        assertNotFound(() -> memberships(nowhere).remove(user.id()), "organization", nowhere);
    }

    @Test
    void readsInAnOrganizationThatDoesNotExistFindNothing() {
        OrgId nowhere = unknownOrgId();
        User user = data.user();

        assertThat(memberships(nowhere).find(user.id())).isEmpty();
        Page<Membership> page = memberships(nowhere).list(PageRequest.first());
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void aUserHasASeparateMembershipInEachOrganization() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        OrgId c = data.org().id();
        User user = data.user();

        memberships(a).add(user.id(), OrgRole.OWNER);
        memberships(b).invite(user.id(), OrgRole.MEMBER);

        assertThat(memberships(a).find(user.id())).get()
                .extracting(Membership::orgId, Membership::role, Membership::status)
                .containsExactly(a, OrgRole.OWNER, MembershipStatus.ACTIVE);
        assertThat(memberships(b).find(user.id())).get()
                .extracting(Membership::orgId, Membership::role, Membership::status)
                .containsExactly(b, OrgRole.MEMBER, MembershipStatus.INVITED);
        assertThat(memberships(c).find(user.id())).isEmpty();
    }

    @Test
    void aMembershipAddedInATransactionIsVisibleInsideItAndGoneAfterRollback() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        User user = data.user();

        assertThatThrownBy(() -> db.inTenant(org, Actor.user(admin.id()), tx -> {
            Membership m = tx.memberships().add(user.id(), OrgRole.MANAGER);
            assertThat(tx.memberships().find(user.id())).contains(m);
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(memberships(org).find(user.id())).isEmpty();
        assertThat(memberships(org).list(PageRequest.first()).items())
                .extracting(Membership::userId).containsExactly(admin.id());
    }

    // ---- update -------------------------------------------------------------------------------

    @Test
    void updateStoresRoleAndStatusAndIncrementsTheVersion() {
        OrgId org = data.org().id();
        User user = data.user();
        Instant created = clock.instant();
        Membership m = memberships(org).add(user.id(), OrgRole.MEMBER);
        clock.advance(Duration.ofMinutes(30));
        Instant later = clock.instant();

        Membership updated = db.inTenant(org, Actor.user(user.id()),
                tx -> tx.memberships().update(m.withRole(OrgRole.OWNER).withStatus(MembershipStatus.SUSPENDED)));

        assertThat(updated).isEqualTo(new Membership(org, user.id(), OrgRole.OWNER, MembershipStatus.SUSPENDED,
                Optional.of(created), 1, created, later));
        assertThat(memberships(org).find(user.id())).contains(updated);
    }

    @Test
    void updateWithAStaleVersionThrowsStaleVersionAndKeepsTheStoredMembership() {
        OrgId org = data.org().id();
        User user = data.user();
        Membership read = memberships(org).add(user.id(), OrgRole.MEMBER);
        Membership first = memberships(org).update(read.withRole(OrgRole.ADMIN));

        assertStale(() -> memberships(org).update(read.withRole(OrgRole.OWNER)), "membership", user.id(), 0);
        assertThat(memberships(org).find(user.id())).contains(first);
        assertThat(first.version()).isEqualTo(1);
    }

    @Test
    void updateOfAMembershipReadInAnotherOrganizationThrowsTenantMismatch() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.user();
        Membership inA = memberships(a).add(user.id(), OrgRole.MEMBER);
        Membership inB = memberships(b).add(user.id(), OrgRole.MEMBER);

        assertTenantMismatch(() -> memberships(b).update(inA.withRole(OrgRole.OWNER)), b, a);
        assertThat(memberships(b).find(user.id())).contains(inB);
        assertThat(memberships(a).find(user.id())).contains(inA);
    }

    @Test
    void updateOfAMembershipThatWasRemovedThrowsNotFoundOnMembership() {
        OrgId org = data.org().id();
        User user = data.user();
        Membership m = memberships(org).add(user.id(), OrgRole.MEMBER);
        memberships(org).remove(user.id());

        assertNotFound(() -> memberships(org).update(m.withRole(OrgRole.ADMIN)), "membership", user.id());
        assertThat(memberships(org).find(user.id())).isEmpty();
    }

    // ---- remove -------------------------------------------------------------------------------

    @Test
    void removeDeletesTheMembershipAndTheUserMayBeAddedAgainAsNew() {
        OrgId org = data.org().id();
        User user = data.user();
        Membership m = memberships(org).add(user.id(), OrgRole.ADMIN);
        memberships(org).update(m.withRole(OrgRole.OWNER));

        memberships(org).remove(user.id());
        assertThat(memberships(org).find(user.id())).isEmpty();
        assertThat(memberships(org).list(PageRequest.first()).items()).isEmpty();

        clock.advance(Duration.ofDays(7));
        Instant now = clock.instant();
        Membership again = memberships(org).add(user.id(), OrgRole.MEMBER);
        assertThat(again).isEqualTo(new Membership(org, user.id(), OrgRole.MEMBER, MembershipStatus.ACTIVE,
                Optional.of(now), 0, now, now));
    }

    @Test
    void removeOfAUserWhoIsNotAMemberThrowsNotFoundOnMembership() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        User user = data.user();
        memberships(other).add(user.id(), OrgRole.MEMBER);

        assertNotFound(() -> memberships(org).remove(user.id()), "membership", user.id());
        assertThat(memberships(other).find(user.id())).isPresent();
    }

    @Test
    void removeDeletesTheUsersTeamMembershipsAndDirectAssignmentsInThatOrganizationOnly() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        User user = data.user();
        User colleague = data.member(a);
        memberships(a).add(user.id(), OrgRole.MEMBER);
        memberships(b).add(user.id(), OrgRole.MEMBER);
        Team teamA = data.team(a);
        Team teamB = data.team(b);
        Role roleA = data.role(a);
        Role roleB = data.role(b);
        db.tenant(a).teams().addMember(teamA.id(), user.id());
        db.tenant(a).teams().addMember(teamA.id(), colleague.id());
        db.tenant(b).teams().addMember(teamB.id(), user.id());
        db.tenant(a).assignments().assign(roleA.id(), user.id());
        db.tenant(a).assignments().assign(roleA.id(), colleague.id());
        db.tenant(a).assignments().assign(roleA.id(), teamA.id());
        db.tenant(b).assignments().assign(roleB.id(), user.id());

        db.inTenant(a, Actor.user(colleague.id()), tx -> {
            tx.memberships().remove(user.id());
            return null;
        });

        assertThat(db.tenant(a).teams().members(teamA.id())).containsExactly(colleague.id());
        assertThat(db.tenant(a).teams().teamsOf(user.id())).isEmpty();
        assertThat(db.tenant(a).assignments().listFor(Principal.user(user.id()))).isEmpty();
        assertThat(db.tenant(a).assignments().listFor(Principal.user(colleague.id())))
                .extracting(x -> x.roleId()).containsExactly(roleA.id());
        assertThat(db.tenant(a).assignments().listFor(Principal.team(teamA.id())))
                .extracting(x -> x.roleId()).containsExactly(roleA.id());

        assertThat(memberships(b).find(user.id())).isPresent();
        assertThat(db.tenant(b).teams().members(teamB.id())).containsExactly(user.id());
        assertThat(db.tenant(b).assignments().listFor(Principal.user(user.id())))
                .extracting(x -> x.roleId()).containsExactly(roleB.id());
    }

    @Test
    void aUserRemovedAndAddedAgainHasNoTeamsOrDirectRolesLeftOver() {
        OrgId org = data.org().id();
        User user = data.member(org);
        Team team = data.team(org);
        Role role = data.role(org);
        db.tenant(org).teams().addMember(team.id(), user.id());
        db.tenant(org).assignments().assign(role.id(), user.id());

        memberships(org).remove(user.id());
        memberships(org).add(user.id(), OrgRole.MEMBER);

        assertThat(db.tenant(org).teams().teamsOf(user.id())).isEmpty();
        assertThat(db.tenant(org).assignments().listFor(Principal.user(user.id()))).isEmpty();
    }

    @Test
    void membershipsInASoftDeletedOrganizationCanStillBeUpdatedAndRemoved() {
        OrgId org = data.org().id();
        User user = data.user();
        Membership m = memberships(org).add(user.id(), OrgRole.MEMBER);
        db.organizations().delete(org);

        Membership suspended = memberships(org).update(m.withStatus(MembershipStatus.SUSPENDED));
        memberships(org).remove(user.id());

        assertThat(suspended.status()).isEqualTo(MembershipStatus.SUSPENDED);
        assertThat(memberships(org).find(user.id())).isEmpty();
    }

    // ---- list ---------------------------------------------------------------------------------

    @Test
    void listReturnsMembershipsOfEveryStatusInUserIdOrderNotInOrderOfJoining() {
        OrgId org = data.org().id();
        List<User> users = Stream.generate(data::user).limit(4).toList();
        memberships(org).add(users.get(2).id(), OrgRole.MEMBER);
        memberships(org).invite(users.get(0).id(), OrgRole.ADMIN);
        memberships(org).add(users.get(3).id(), OrgRole.OWNER);
        Membership m1 = memberships(org).add(users.get(1).id(), OrgRole.MEMBER);
        memberships(org).update(m1.withStatus(MembershipStatus.SUSPENDED));
        memberships(data.org().id()).add(data.user().id(), OrgRole.MEMBER);

        Page<Membership> page = memberships(org).list(PageRequest.first());

        assertThat(page.items()).extracting(Membership::userId)
                .containsExactly(users.get(0).id(), users.get(1).id(), users.get(2).id(), users.get(3).id());
        assertThat(page.items()).extracting(Membership::status).containsExactly(
                MembershipStatus.INVITED, MembershipStatus.SUSPENDED, MembershipStatus.ACTIVE, MembershipStatus.ACTIVE);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void listPagesThroughMembershipsInUserIdOrder() {
        OrgId org = data.org().id();
        List<User> users = Stream.generate(data::user).limit(5).toList();
        for (int i : new int[] {3, 0, 4, 2, 1}) {
            memberships(org).add(users.get(i).id(), OrgRole.MEMBER);
        }

        List<Page<Membership>> pages = allPages(r -> memberships(org).list(r), 2);

        assertThat(sizesOf(pages)).containsExactly(2, 2, 1);
        assertThat(itemsOf(pages)).extracting(Membership::userId)
                .containsExactlyElementsOf(users.stream().map(User::id).toList());
    }

    @Test
    void aPageThatEndsExactlyAtTheLastMembershipHasNoCursor() {
        OrgId org = data.org().id();
        for (int i = 0; i < 4; i++) {
            data.member(org);
        }

        List<Page<Membership>> pages = allPages(r -> memberships(org).list(r), 2);

        assertThat(sizesOf(pages)).containsExactly(2, 2);
        assertThat(pages.get(0).nextCursor()).isPresent();
        assertThat(pages.get(1).nextCursor()).isEmpty();
    }

    @Test
    void listWithACursorThisListCannotHaveMadeThrowsValidationOnAfter() {
        OrgId org = data.org().id();
        data.member(org);

        assertValidation(() -> memberships(org).list(PageRequest.after("not-a-cursor", 10)), "after");
    }
}
