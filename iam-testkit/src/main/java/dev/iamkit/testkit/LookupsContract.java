package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.allPages;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.itemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.authz.Lookups;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lookups()}: who may do something and what someone may do, each the exact reverse of
 * {@code authz()} at full consistency. Every test starts from {@code reader}, a member holding a
 * role that allows {@code invoices read} and the view {@code page}, and adds or breaks one thing;
 * lists are read in pages of two, so paging is exercised everywhere.
 */
public abstract class LookupsContract extends ContractBase {
    private static final int PAGE = 2;
    private AccessFixtures fx;
    private OrgId org;
    private Feature invoices;
    private View page;
    private Role reading;
    private User reader;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        invoices = data.feature("read", "approve");
        fx.entitledModule(org, invoices);
        page = data.entitledView(org);
        reading = fx.role(org, Grant.allow(invoices, "read"));
        db.tenant(org).grants().grantView(reading.id(), ViewAccess.allow(page.id()));
        reader = data.member(org);
        fx.assign(org, reading, reader);
    }

    private Lookups lookups() {
        return db.tenant(org).lookups();
    }

    private List<UserId> who(Feature f, String action) {
        return itemsOf(allPages(r -> lookups().usersWhoCan(f.id(), action, r), PAGE));
    }

    private List<UserId> whoSees(View v) {
        return itemsOf(allPages(r -> lookups().usersWhoCanAccessView(v.id(), r), PAGE));
    }

    private List<UserId> readers() {
        return who(invoices, "read");
    }

    private static List<UserId> ids(User... users) {
        return Stream.of(users).map(User::id).sorted().toList();
    }

    /** The organization's members that {@code allowed} accepts, in user id order: what a lookup must return. */
    private List<UserId> membersWhere(Predicate<UserId> allowed) {
        List<Membership> members = itemsOf(allPages(r -> db.tenant(org).memberships().list(r), PageRequest.MAX_LIMIT));
        return members.stream().map(Membership::userId).filter(allowed).sorted().toList();
    }

    private Authz full() {
        return db.tenant(org).authz(Consistency.uncached());
    }

    /** Asserts that both user lookups agree with a check of every member, and returns who may read. */
    private List<UserId> readersAgreeingWithChecks() {
        assertThat(whoSees(page)).as("usersWhoCanAccessView").isEqualTo(membersWhere(u -> full().canAccessView(u, page.id())));
        List<UserId> found = readers();
        assertThat(found).as("usersWhoCan").isEqualTo(membersWhere(u -> full().check(u, invoices.id(), "read")));
        return found;
    }

    // --- rules 4 and 5: the routes to a role ---------------------------------------------------

    @Test
    void usersWhoCanAreExactlyTheMembersACheckAllows() {
        User direct = data.member(org);
        fx.assign(org, reading, direct);
        User viaTeam = data.member(org);
        fx.assign(org, reading, fx.team(org, viaTeam));
        User approverOnly = data.memberWith(org, Grant.allow(invoices, "approve"));
        data.member(org);

        assertThat(readersAgreeingWithChecks()).containsExactlyElementsOf(ids(reader, direct, viaTeam));
        assertThat(who(invoices, "approve")).containsExactly(approverOnly.id());
    }

    @Test
    void rolesReachedThroughInclusionCountByEitherRoute() {
        Role middle = fx.role(org);
        Role top = fx.role(org);
        db.tenant(org).roles().include(middle.id(), reading.id());
        db.tenant(org).roles().include(top.id(), middle.id());
        User direct = data.member(org);
        fx.assign(org, top, direct);
        User viaTeam = data.member(org);
        fx.assign(org, middle, fx.team(org, viaTeam));

        assertThat(readersAgreeingWithChecks()).containsExactlyElementsOf(ids(reader, direct, viaTeam));

        db.tenant(org).roles().exclude(middle.id(), reading.id());
        assertThat(readersAgreeingWithChecks()).containsExactly(reader.id());
    }

    @Test
    void aDenyWinsWhateverRouteItComesBy() {
        User deniedDirectly = data.member(org);
        fx.assign(org, reading, deniedDirectly);
        fx.assign(org, fx.role(org, Grant.deny(invoices, "read")), deniedDirectly);
        User deniedByTeam = data.member(org);
        fx.assign(org, reading, deniedByTeam);
        Role denyingView = fx.viewRole(org, ViewAccess.deny(page.id()));
        Role denying = fx.role(org, Grant.deny(invoices, "read"));
        db.tenant(org).roles().include(denying.id(), denyingView.id());
        fx.assign(org, denying, fx.team(org, deniedByTeam));
        User deniedByInclusion = data.member(org);
        Role both = fx.role(org);
        db.tenant(org).roles().include(both.id(), reading.id());
        db.tenant(org).roles().include(both.id(), denying.id());
        fx.assign(org, both, deniedByInclusion);

        assertThat(readersAgreeingWithChecks()).containsExactly(reader.id());
        assertThat(whoSees(page)).containsExactlyElementsOf(ids(reader, deniedDirectly));
    }

    @Test
    void expiredAssignmentsDirectOrByTeamCountNoMore() {
        Instant until = clock.instant().plus(Duration.ofHours(1));
        User temporary = data.member(org);
        fx.assignUntil(org, reading, Principal.user(temporary.id()), until);
        User temporaryTeam = data.member(org);
        fx.assignUntil(org, reading, Principal.team(fx.team(org, temporaryTeam).id()), until);
        User temporarilyDenied = data.member(org);
        fx.assign(org, reading, temporarilyDenied);
        fx.assignUntil(org, fx.role(org, Grant.deny(invoices, "read")), Principal.user(temporarilyDenied.id()), until);
        assertThat(readersAgreeingWithChecks()).containsExactlyElementsOf(ids(reader, temporary, temporaryTeam));

        clock.set(until);   // an expiry at exactly now counts as expired

        assertThat(readersAgreeingWithChecks()).containsExactlyElementsOf(ids(reader, temporarilyDenied));
    }

    @Test
    void leavingTheTeamTakesTheTeamRouteAway() {
        User member = data.member(org);
        var team = fx.team(org, member);
        fx.assign(org, reading, team);
        assertThat(readers()).containsExactlyElementsOf(ids(reader, member));

        db.tenant(org).teams().removeMember(team.id(), member.id());

        assertThat(readersAgreeingWithChecks()).containsExactly(reader.id());
    }

    // --- rules 1 and 2: the organization, the user, the membership ----------------------------

    @Test
    void nobodyQualifiesInASuspendedOrDeletedOrganization() {
        fx.setStatus(org, OrgStatus.SUSPENDED);
        assertThat(readersAgreeingWithChecks()).isEmpty();
        assertThat(lookups().permissionsOf(reader.id(), PageRequest.first()).items()).isEmpty();
        assertThat(lookups().viewsOf(reader.id(), PageRequest.first()).items()).isEmpty();

        fx.setStatus(org, OrgStatus.ACTIVE);
        assertThat(readers()).containsExactly(reader.id());
        db.organizations().delete(org);
        assertThat(readersAgreeingWithChecks()).isEmpty();
        assertThat(lookups().permissionsOf(reader.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void usersWhoAreNotActiveOrDeletedAreLeftOut() {
        User inactive = data.member(org);
        User suspended = data.member(org);
        User deleted = data.member(org);
        for (User u : List.of(inactive, suspended, deleted)) {
            fx.assign(org, reading, u);
        }
        assertThat(readers()).containsExactlyElementsOf(ids(reader, inactive, suspended, deleted));

        fx.setStatus(inactive, UserStatus.INACTIVE);
        fx.setStatus(suspended, UserStatus.SUSPENDED);
        db.users().delete(deleted.id());

        assertThat(readersAgreeingWithChecks()).containsExactly(reader.id());
        assertThat(lookups().permissionsOf(suspended.id(), PageRequest.first()).items()).isEmpty();
        assertThat(lookups().viewsOf(deleted.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void suspendedAndInvitedMembershipsAreLeftOut() {
        User suspended = data.member(org);
        fx.assign(org, reading, suspended);
        User invited = fx.invited(org);
        fx.assign(org, reading, invited);
        fx.assign(org, reading, fx.team(org, invited));

        fx.setStatus(org, suspended, MembershipStatus.SUSPENDED);

        assertThat(readersAgreeingWithChecks()).containsExactly(reader.id());
        assertThat(lookups().permissionsOf(invited.id(), PageRequest.first()).items()).isEmpty();
    }

    // --- rule 3: the entitlement ---------------------------------------------------------------

    @Test
    void withoutAUsableEntitlementNobodyQualifies() {
        Feature unsold = data.feature("read");
        fx.moduleWith(unsold);
        Feature expiring = data.feature("read");
        Module expiringModule = fx.moduleWith(expiring);
        db.tenant(org).entitlements().entitle(expiringModule.id(), Optional.of(clock.instant().plus(Duration.ofDays(1))));
        Feature switchedOff = data.feature("read");
        Module switchedOffModule = fx.entitledModule(org, switchedOff);
        Feature disabledModule = data.feature("read");
        Module disabled = fx.entitledModule(org, disabledModule);
        fx.assign(org, fx.role(org, Grant.allow(unsold, "read"), Grant.allow(expiring, "read"), Grant.allow(switchedOff, "read"),
                Grant.allow(disabledModule, "read")), reader);
        assertThat(who(expiring, "read")).containsExactly(reader.id());
        assertThat(who(switchedOff, "read")).containsExactly(reader.id());

        db.tenant(org).entitlements().setEnabled(switchedOffModule.id(), false);
        db.catalog().modules().update(db.catalog().modules().find(disabled.id()).orElseThrow().withEnabled(false));
        clock.advance(Duration.ofDays(1));

        for (Feature f : List.of(unsold, expiring, switchedOff, disabledModule)) {
            assertThat(who(f, "read")).as(f.code()).isEmpty();
        }
        assertThat(itemsOf(allPages(r -> lookups().permissionsOf(reader.id(), r), PAGE)))
                .containsExactly(Permission.of(invoices.id(), "read"));
    }

    @Test
    void aViewOutsideEveryUsableModuleIsSeenByNobody() {
        View unsold = data.view();
        Role viewer = fx.viewRole(org, ViewAccess.allow(unsold.id()));
        fx.assign(org, viewer, reader);

        assertThat(whoSees(unsold)).isEmpty();
        assertThat(whoSees(page)).containsExactly(reader.id());
        assertThat(itemsOf(allPages(r -> lookups().viewsOf(reader.id(), r), PAGE))).containsExactly(page.id());
    }

    // --- what someone may do -------------------------------------------------------------------

    @Test
    void permissionsOfAndViewsOfEqualWhatAuthzSaysInOrder() {
        Feature reports = data.feature("export", "read", "read-all", "read.own", "read_any");
        fx.entitledModule(org, reports);
        View second = data.entitledView(org);
        View third = data.entitledView(org);
        Role many = fx.role(org, Grant.allow(reports, "read"), Grant.allow(reports, "read-all"), Grant.allow(reports, "read.own"),
                Grant.allow(reports, "read_any"), Grant.deny(reports, "export"), Grant.allow(invoices, "approve"));
        db.tenant(org).grants().replaceViews(many.id(), List.of(ViewAccess.allow(second.id()), ViewAccess.allow(third.id())));
        fx.assign(org, many, fx.team(org, reader));

        List<Permission> permissions = itemsOf(allPages(r -> lookups().permissionsOf(reader.id(), r), PAGE));
        List<ViewId> views = itemsOf(allPages(r -> lookups().viewsOf(reader.id(), r), PAGE));

        assertThat(permissions).hasSize(6).isSorted().containsExactlyElementsOf(full().effectivePermissions(reader.id()));
        assertThat(views).containsExactlyElementsOf(full().accessibleViews(reader.id())).containsExactlyInAnyOrder(page.id(), second.id(), third.id());
    }

    // --- unknown ids and malformed input -------------------------------------------------------

    @Test
    void unknownIdsAndActionsGiveEmptyPages() {
        UserId nobody = UserId.of(UUID.randomUUID());
        assertThat(lookups().usersWhoCan(invoices.id(), "delete", PageRequest.first()).items()).as("unknown action").isEmpty();
        assertThat(lookups().usersWhoCan(FeatureId.of(UUID.randomUUID()), "read", PageRequest.first()).items()).isEmpty();
        assertThat(lookups().usersWhoCanAccessView(ViewId.of(UUID.randomUUID()), PageRequest.first()).items()).isEmpty();
        assertThat(lookups().permissionsOf(nobody, PageRequest.first()).items()).isEmpty();
        assertThat(lookups().viewsOf(nobody, PageRequest.first()).items()).isEmpty();
        assertThat(lookups().permissionsOf(data.user().id(), PageRequest.first()).hasNext()).as("not a member").isFalse();
        Lookups elsewhere = db.tenant(AccessFixtures.unknownOrg()).lookups();
        assertThat(elsewhere.usersWhoCan(invoices.id(), "read", PageRequest.first()).items()).isEmpty();
        assertThat(elsewhere.permissionsOf(reader.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void malformedArgumentsAreValidationErrorsNamingTheField() {
        PageRequest first = PageRequest.first();
        assertValidation(() -> lookups().usersWhoCan(null, "read", first), "featureId");
        assertValidation(() -> lookups().usersWhoCan(invoices.id(), null, first), "action");
        assertValidation(() -> lookups().usersWhoCan(invoices.id(), "Not An Action", first), "action");
        assertValidation(() -> lookups().usersWhoCan(invoices.id(), "read", null), "page");
        assertValidation(() -> lookups().usersWhoCanAccessView(null, first), "viewId");
        assertValidation(() -> lookups().usersWhoCanAccessView(page.id(), null), "page");
        assertValidation(() -> lookups().permissionsOf(null, first), "userId");
        assertValidation(() -> lookups().permissionsOf(reader.id(), null), "page");
        assertValidation(() -> lookups().viewsOf(null, first), "userId");
        assertValidation(() -> lookups().viewsOf(reader.id(), null), "page");
        assertValidation(() -> lookups().usersWhoCan(invoices.id(), "read", PageRequest.first(0)), "limit");
        assertValidation(() -> lookups().viewsOf(reader.id(), PageRequest.first(PageRequest.MAX_LIMIT + 1)), "limit");
    }

    @Test
    void aCursorOfAnotherListIsAValidationErrorOnAfter() {
        String permissionCursor = PageRequest.cursorOf(Permission.of(invoices.id(), "read"));
        String userCursor = reader.id().toString();
        assertValidation(() -> lookups().usersWhoCan(invoices.id(), "read", PageRequest.after(permissionCursor, 5)), "after");
        assertValidation(() -> lookups().usersWhoCanAccessView(page.id(), PageRequest.after("42", 5)), "after");
        assertValidation(() -> lookups().permissionsOf(reader.id(), PageRequest.after(userCursor, 5)), "after");
        assertValidation(() -> lookups().viewsOf(reader.id(), PageRequest.after(permissionCursor, 5)), "after");
    }
}
