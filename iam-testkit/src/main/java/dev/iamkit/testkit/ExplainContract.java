package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Decision;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code authz().explain}: the first failing condition in the order of {@link Reason}, then DENIED,
 * then ALLOWED or NO_ALLOW_GRANT, and which role, team and module are reported.
 */
public abstract class ExplainContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private Feature feature;
    private Module module;
    private User user;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        feature = data.feature("read", "write");
        module = fx.entitledModule(org, feature);
        user = data.member(org);
    }

    private Decision explain(UserId u) {
        return db.tenant(org).authz().explain(u, feature.id(), "read");
    }

    /** A refusal that no role decided: nothing else is reported. */
    private static void assertBlocked(Decision d, Reason reason) {
        assertThat(d).isEqualTo(new Decision(false, reason, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static <T extends Comparable<? super T>> T smallest(List<T> ids) {
        return Collections.min(ids);
    }

    // --- failing conditions, in order ----------------------------------------------------------

    @Test
    void organizationThatDoesNotExistIsReportedAsNotFound() {
        assertBlocked(db.tenant(AccessFixtures.unknownOrg()).authz().explain(user.id(), feature.id(), "read"),
                Reason.ORGANIZATION_NOT_FOUND);
    }

    @Test
    void deletedOrganizationIsReportedAsDeletedEvenWhenAlsoSuspended() {
        fx.setStatus(org, OrgStatus.SUSPENDED);
        db.organizations().delete(org);

        assertBlocked(explain(user.id()), Reason.ORGANIZATION_DELETED);
    }

    @Test
    void suspendedOrganizationIsReportedBeforeAnUnknownUser() {
        fx.setStatus(org, OrgStatus.SUSPENDED);

        assertBlocked(explain(UserId.of(UUID.randomUUID())), Reason.ORGANIZATION_SUSPENDED);
    }

    @Test
    void unknownUserIsReportedAsNotAMemberBeforeAnUnknownFeature() {
        assertBlocked(db.tenant(org).authz().explain(UserId.of(UUID.randomUUID()), FeatureId.of(UUID.randomUUID()), "read"),
                Reason.NOT_A_MEMBER);
    }

    @Test
    void deletedUserIsReportedAsDeletedEvenWhenAlsoSuspended() {
        fx.setStatus(user, UserStatus.SUSPENDED);
        db.users().delete(user.id());

        assertBlocked(explain(user.id()), Reason.USER_DELETED);
    }

    @Test
    void everyStatusButActiveIsReportedAsUserNotActive() {
        for (UserStatus status : List.of(UserStatus.INACTIVE, UserStatus.SUSPENDED, UserStatus.PENDING)) {
            fx.setStatus(user, status);

            assertBlocked(explain(user.id()), Reason.USER_NOT_ACTIVE);
        }
    }

    @Test
    void aTenantLearnsNothingOfAUserWhoIsNotItsMember() {
        User outsider = fx.setStatus(data.user(), UserStatus.INACTIVE);
        assertBlocked(explain(outsider.id()), Reason.NOT_A_MEMBER);

        User deleted = data.user();
        db.users().delete(deleted.id());
        assertBlocked(explain(deleted.id()), Reason.NOT_A_MEMBER);
    }

    @Test
    void userWithoutAMembershipIsReportedAsNotAMember() {
        assertBlocked(explain(data.user().id()), Reason.NOT_A_MEMBER);
    }

    @Test
    void invitedAndSuspendedMembershipsAreReportedAsNotActive() {
        assertBlocked(explain(fx.invited(org).id()), Reason.MEMBERSHIP_NOT_ACTIVE);

        fx.setStatus(org, user, MembershipStatus.SUSPENDED);

        assertBlocked(explain(user.id()), Reason.MEMBERSHIP_NOT_ACTIVE);
    }

    @Test
    void unknownFeatureIsReportedAsFeatureNotFound() {
        assertBlocked(db.tenant(org).authz().explain(user.id(), FeatureId.of(UUID.randomUUID()), "read"),
                Reason.FEATURE_NOT_FOUND);
    }

    @Test
    void unknownActionIsReportedBeforeAMissingEntitlement() {
        Feature loose = data.feature("read");

        assertBlocked(db.tenant(org).authz().explain(user.id(), loose.id(), "approve"), Reason.UNKNOWN_ACTION);
    }

    @Test
    void missingEntitlementIsReportedAsNotEntitledEvenWhenARoleAllows() {
        Feature loose = data.feature("read");
        fx.moduleWith(loose);
        fx.assign(org, fx.role(org, Grant.allow(loose, "read")), user);

        assertBlocked(db.tenant(org).authz().explain(user.id(), loose.id(), "read"), Reason.NOT_ENTITLED);
    }

    @Test
    void expiredEntitlementIsReportedAsNotEntitled() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        db.tenant(org).entitlements().entitle(module.id(), Optional.of(clock.instant().plus(Duration.ofDays(1))));
        clock.advance(Duration.ofDays(1));

        assertBlocked(explain(user.id()), Reason.NOT_ENTITLED);
    }

    // --- decided by roles ----------------------------------------------------------------------

    @Test
    void noAllowingRoleIsReportedWithTheModuleButNoRole() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "write")), user);

        assertThat(explain(user.id()))
                .isEqualTo(new Decision(false, Reason.NO_ALLOW_GRANT, Optional.empty(), Optional.empty(), Optional.of(module.id())));
    }

    @Test
    void directAllowIsReportedWithItsRoleAndModuleAndNoTeam() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, user);

        assertThat(explain(user.id()))
                .isEqualTo(new Decision(true, Reason.ALLOWED, Optional.of(role.id()), Optional.empty(), Optional.of(module.id())));
    }

    @Test
    void allowThroughATeamIsReportedWithTheTeam() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        Team team = fx.team(org, user);
        fx.assign(org, role, team);

        assertThat(explain(user.id()))
                .isEqualTo(new Decision(true, Reason.ALLOWED, Optional.of(role.id()), Optional.of(team.id()), Optional.of(module.id())));
    }

    @Test
    void denyIsReportedWithTheDenyingRoleNotTheAllowingOne() {
        Role first = fx.role(org);
        Role second = fx.role(org);
        RoleId small = smallest(List.of(first.id(), second.id()));
        RoleId large = small.equals(first.id()) ? second.id() : first.id();
        db.tenant(org).grants().grant(small, Grant.allow(feature, "read"));
        db.tenant(org).grants().grant(large, Grant.deny(feature, "read"));
        db.tenant(org).assignments().assign(small, user.id());
        db.tenant(org).assignments().assign(large, user.id());

        assertThat(explain(user.id()))
                .isEqualTo(new Decision(false, Reason.DENIED, Optional.of(large), Optional.empty(), Optional.of(module.id())));
    }

    @Test
    void denyThroughATeamIsReportedWithTheTeam() {
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);
        Role denying = fx.role(org, Grant.deny(feature, "read"));
        Team team = fx.team(org, user);
        fx.assign(org, denying, team);

        assertThat(explain(user.id()))
                .isEqualTo(new Decision(false, Reason.DENIED, Optional.of(denying.id()), Optional.of(team.id()), Optional.of(module.id())));
    }

    @Test
    void smallestRoleIdIsReportedAmongSeveralAllowingRoles() {
        List<Role> roles = List.of(fx.role(org, Grant.allow(feature, "read")), fx.role(org, Grant.allow(feature, "read")),
                fx.role(org, Grant.allow(feature, "read")));
        for (Role r : roles.reversed()) {
            fx.assign(org, r, user);
        }

        assertThat(explain(user.id()).roleId()).contains(smallest(roles.stream().map(Role::id).toList()));
    }

    @Test
    void smallestRoleIdIsReportedAmongSeveralDenyingRoles() {
        List<Role> roles = List.of(fx.role(org, Grant.deny(feature, "read")), fx.role(org, Grant.deny(feature, "read")));
        fx.assign(org, roles.get(1), user);
        fx.assign(org, roles.get(0), fx.team(org, user));

        Decision d = explain(user.id());

        assertThat(d.reason()).isEqualTo(Reason.DENIED);
        assertThat(d.roleId()).contains(smallest(roles.stream().map(Role::id).toList()));
    }

    @Test
    void directAssignmentIsPreferredOverATeamForTheSameRole() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        fx.assign(org, role, fx.team(org, user));
        fx.assign(org, role, user);

        Decision d = explain(user.id());

        assertThat(d.roleId()).contains(role.id());
        assertThat(d.viaTeam()).isEmpty();
    }

    @Test
    void smallestTeamIdIsReportedWhenARoleReachesTheUserThroughSeveralTeams() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        Team first = fx.team(org, user);
        Team second = fx.team(org, user);
        fx.assign(org, role, second);
        fx.assign(org, role, first);

        assertThat(explain(user.id()).viaTeam()).contains(smallest(List.<TeamId>of(first.id(), second.id())));
    }

    @Test
    void expiredDirectAssignmentIsNotReportedAndTheTeamRouteIs() {
        Role role = fx.role(org, Grant.allow(feature, "read"));
        Team team = fx.team(org, user);
        fx.assign(org, role, team);
        fx.assignUntil(org, role, dev.iamkit.model.Principal.user(user.id()), clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));

        assertThat(explain(user.id()).viaTeam()).contains(team.id());
    }

    @Test
    void smallestEntitledModuleIdIsReported() {
        Module second = fx.entitledModule(org, feature);
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);

        assertThat(explain(user.id()).moduleId()).contains(smallest(List.<ModuleId>of(module.id(), second.id())));
    }

    @Test
    void onlyUsableModulesAreReported() {
        Module second = fx.entitledModule(org, feature);
        Module unusable = smallest(List.of(module.id(), second.id())).equals(module.id()) ? module : second;
        Module usable = unusable == module ? second : module;
        db.tenant(org).entitlements().setEnabled(unusable.id(), false);
        fx.moduleWith(feature);   // contains the feature, not entitled
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);

        assertThat(explain(user.id()).moduleId()).contains(usable.id());
    }
}
