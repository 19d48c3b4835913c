package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules 1 to 3 of {@code authz().check}, one condition at a time: the organization, the user and
 * the membership, the feature and action, and the entitlement. Every test starts from a user who
 * may {@code read} (direct role, entitled module) and breaks exactly one thing.
 */
public abstract class CheckRulesContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private Feature feature;
    private Module module;
    private Role reader;
    private User user;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        feature = data.feature("read", "write");
        module = fx.entitledModule(org, feature);
        reader = fx.role(org, Grant.allow(feature, "read"));
        user = data.member(org);
        fx.assign(org, reader, user);
    }

    private boolean canRead(UserId u) {
        return db.tenant(org).authz().check(u, feature.id(), "read");
    }

    // --- rule 1: the organization -------------------------------------------------------------

    @Test
    void memberHoldingAnAllowingRoleInAnEntitledModuleMayAct() {
        assertThat(canRead(user.id())).isTrue();
    }

    @Test
    void everyCheckInAnOrganizationThatDoesNotExistIsFalseWithoutAnException() {
        assertThat(db.tenant(AccessFixtures.unknownOrg()).authz().check(user.id(), feature.id(), "read")).isFalse();
    }

    @Test
    void everyCheckInADeletedOrganizationIsFalse() {
        db.organizations().delete(org);

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void checksPassAgainOnceADeletedOrganizationIsRestored() {
        db.organizations().delete(org);
        db.organizations().restore(org);

        assertThat(canRead(user.id())).isTrue();
    }

    @Test
    void everyCheckInASuspendedOrganizationIsFalse() {
        fx.setStatus(org, OrgStatus.SUSPENDED);

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void checksPassAgainOnceASuspendedOrganizationIsReactivated() {
        fx.setStatus(org, OrgStatus.SUSPENDED);
        fx.setStatus(org, OrgStatus.ACTIVE);

        assertThat(canRead(user.id())).isTrue();
    }

    // --- rule 2: the user and the membership --------------------------------------------------

    @Test
    void unknownUserIsDeniedWithoutAnException() {
        assertThat(canRead(UserId.of(UUID.randomUUID()))).isFalse();
    }

    @Test
    void deletedUserIsDenied() {
        db.users().delete(user.id());

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void inactiveUserIsDenied() {
        fx.setStatus(user, UserStatus.INACTIVE);

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void suspendedUserIsDenied() {
        fx.setStatus(user, UserStatus.SUSPENDED);

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void pendingUserIsDenied() {
        fx.setStatus(user, UserStatus.PENDING);

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void activeUserWhoIsNotAMemberIsDenied() {
        User outsider = data.user();

        assertThat(canRead(outsider.id())).isFalse();
    }

    @Test
    void removedMemberIsDeniedAndRejoiningDoesNotBringBackDirectRoles() {
        db.tenant(org).memberships().remove(user.id());
        assertThat(canRead(user.id())).isFalse();

        db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER);

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void invitedMemberHoldingAnAllowingRoleIsDeniedUntilTheMembershipIsActive() {
        User invitee = fx.invited(org);
        fx.assign(org, reader, invitee);
        assertThat(canRead(invitee.id())).isFalse();

        fx.setStatus(org, invitee, MembershipStatus.ACTIVE);

        assertThat(canRead(invitee.id())).isTrue();
    }

    @Test
    void memberWithASuspendedMembershipIsDenied() {
        fx.setStatus(org, user, MembershipStatus.SUSPENDED);

        assertThat(canRead(user.id())).isFalse();
    }

    // --- rule 3: feature, action, entitlement -------------------------------------------------

    @Test
    void unknownFeatureIsDeniedWithoutAnException() {
        assertThat(db.tenant(org).authz().check(user.id(), FeatureId.of(UUID.randomUUID()), "read")).isFalse();
    }

    @Test
    void actionTheFeatureDoesNotHaveIsDenied() {
        assertThat(db.tenant(org).authz().check(user.id(), feature.id(), "delete")).isFalse();
    }

    @Test
    void deletedFeatureIsDenied() {
        db.catalog().features().delete(feature.id());

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void actionRemovedFromTheFeatureIsDeniedAndStaysDeniedWhenAddedBack() {
        db.catalog().features().update(feature.withActions(java.util.List.of("write")));
        assertThat(canRead(user.id())).isFalse();

        db.catalog().features().update(feature.withActions(java.util.List.of("read", "write")));

        assertThat(canRead(user.id())).as("the grant of the removed action was deleted").isFalse();
    }

    @Test
    void featureInAModuleTheOrganizationIsNotEntitledToIsDenied() {
        Feature other = data.feature("read");
        fx.moduleWith(other);
        fx.assign(org, fx.role(org, Grant.allow(other, "read")), user);

        assertThat(db.tenant(org).authz().check(user.id(), other.id(), "read")).isFalse();
    }

    @Test
    void featureInNoModuleAtAllIsDenied() {
        Feature loose = data.feature("read");
        fx.assign(org, fx.role(org, Grant.allow(loose, "read")), user);

        assertThat(db.tenant(org).authz().check(user.id(), loose.id(), "read")).isFalse();
    }

    @Test
    void entitlementToAModuleThatDoesNotContainTheFeatureDoesNotCount() {
        Feature other = data.feature("read");
        fx.moduleWith(other);
        fx.entitledModule(org, data.feature("read"));
        fx.assign(org, fx.role(org, Grant.allow(other, "read")), user);

        assertThat(db.tenant(org).authz().check(user.id(), other.id(), "read")).isFalse();
    }

    @Test
    void featureUnlinkedFromTheEntitledModuleIsDenied() {
        db.catalog().unlinkFeature(module.id(), feature.id());

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void entitlementOfAnotherOrganizationDoesNotCount() {
        Feature other = data.feature("read");
        OrgId neighbour = data.org().id();
        fx.entitledModule(neighbour, other);
        fx.assign(org, fx.role(org, Grant.allow(other, "read")), user);

        assertThat(db.tenant(org).authz().check(user.id(), other.id(), "read")).isFalse();
    }

    @Test
    void disabledEntitlementDeniesAndEnablingItAgainAllows() {
        db.tenant(org).entitlements().setEnabled(module.id(), false);
        assertThat(canRead(user.id())).isFalse();

        db.tenant(org).entitlements().setEnabled(module.id(), true);

        assertThat(canRead(user.id())).isTrue();
    }

    @Test
    void entitlementExpiringAtExactlyNowCountsAsExpired() {
        db.tenant(org).entitlements().entitle(module.id(), Optional.of(clock.instant().plus(Duration.ofHours(1))));
        clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(canRead(user.id())).as("one second before the expiry").isTrue();

        clock.advance(Duration.ofSeconds(1));

        assertThat(canRead(user.id())).as("at the expiry").isFalse();
    }

    @Test
    void revokedEntitlementDenies() {
        db.tenant(org).entitlements().revoke(module.id());

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void disabledModuleDeniesEvenWithAnEnabledEntitlementAndEnablingItAgainAllows() {
        Module stored = db.catalog().modules().find(module.id()).orElseThrow();
        db.catalog().modules().update(stored.withEnabled(false));
        assertThat(canRead(user.id())).isFalse();

        db.catalog().modules().update(stored.withEnabled(true));

        assertThat(canRead(user.id())).isTrue();
    }

    @Test
    void deletedModuleDenies() {
        db.catalog().modules().delete(module.id());

        assertThat(canRead(user.id())).isFalse();
    }

    @Test
    void oneUsableModuleSufficesWhenAnotherContainingTheFeatureIsDisabled() {
        Module second = fx.entitledModule(org, feature);
        db.tenant(org).entitlements().setEnabled(module.id(), false);

        assertThat(canRead(user.id())).isTrue();

        db.catalog().modules().update(db.catalog().modules().find(second.id()).orElseThrow().withEnabled(false));

        assertThat(canRead(user.id())).isFalse();
    }
}
