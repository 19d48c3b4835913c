package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code authz().effectivePermissions}: exactly the (feature, action) pairs a check would allow,
 * in permission order.
 */
public abstract class EffectivePermissionsContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private Feature invoices;
    private Feature reports;
    private User user;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        invoices = data.feature("read", "write", "approve");
        reports = data.feature("read", "export");
        fx.entitledModule(org, invoices, reports);
        user = data.member(org);
    }

    private SortedSet<Permission> effective(UserId u) {
        return db.tenant(org).authz().effectivePermissions(u);
    }

    private static Permission p(Feature f, String action) {
        return Permission.of(f.id(), action);
    }

    @Test
    void memberWithoutRolesHasNoPermissions() {
        assertThat(effective(user.id())).isEmpty();
    }

    @Test
    void unionOfDirectAndTeamRolesInPermissionOrder() {
        fx.assign(org, fx.role(org, Grant.allow(invoices, "write"), Grant.allow(reports, "export")), user);
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "write")), fx.team(org, user));

        assertThat(effective(user.id())).containsExactlyElementsOf(
                new java.util.TreeSet<>(List.of(p(invoices, "read"), p(invoices, "write"), p(reports, "export"))));
    }

    @Test
    void deniedPermissionsAreExcludedWhereverTheDenyComesFrom() {
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "write"),
                Grant.allow(reports, "read"), Grant.deny(reports, "export")), user);
        fx.assign(org, fx.role(org, Grant.deny(invoices, "write")), fx.team(org, user));

        assertThat(effective(user.id())).containsExactlyInAnyOrder(p(invoices, "read"), p(reports, "read"));
    }

    @Test
    void featuresOutsideEveryUsableEntitlementAreExcluded() {
        Feature unsold = data.feature("read");
        fx.moduleWith(unsold);
        Feature switchedOff = data.feature("read");
        Module off = fx.entitledModule(org, switchedOff);
        db.tenant(org).entitlements().setEnabled(off.id(), false);
        fx.assign(org, fx.role(org, Grant.allow(unsold, "read"), Grant.allow(switchedOff, "read"),
                Grant.allow(reports, "read")), user);

        assertThat(effective(user.id())).containsExactly(p(reports, "read"));
    }

    @Test
    void actionsRemovedFromAFeatureAreExcluded() {
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "approve")), user);

        db.catalog().features().update(invoices.withActions(List.of("read", "write")));

        assertThat(effective(user.id())).containsExactly(p(invoices, "read"));
    }

    @Test
    void expiredAssignmentsContributeNothing() {
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read")), user);
        Role temporary = fx.role(org, Grant.allow(reports, "read"), Grant.deny(invoices, "read"));
        fx.assignUntil(org, temporary, Principal.user(user.id()), clock.instant().plus(Duration.ofHours(2)));
        assertThat(effective(user.id())).containsExactly(p(reports, "read"));

        clock.advance(Duration.ofHours(2));

        assertThat(effective(user.id())).containsExactly(p(invoices, "read"));
    }

    @Test
    void emptyWhenTheOrganizationOrTheUserFailsTheirRules() {
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read")), user);
        assertThat(effective(user.id())).isNotEmpty();

        fx.setStatus(user, UserStatus.SUSPENDED);
        assertThat(effective(user.id())).as("suspended user").isEmpty();
        fx.setStatus(user, UserStatus.ACTIVE);

        fx.setStatus(org, OrgStatus.SUSPENDED);
        assertThat(effective(user.id())).as("suspended organization").isEmpty();

        assertThat(db.tenant(AccessFixtures.unknownOrg()).authz().effectivePermissions(user.id())).as("unknown organization").isEmpty();
        assertThat(effective(data.user().id())).as("not a member").isEmpty();
    }

    @Test
    void invitedMemberHasNoPermissionsEvenWithARole() {
        User invitee = fx.invited(org);
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read")), invitee);

        assertThat(effective(invitee.id())).isEmpty();
    }

    @Test
    void everyEffectivePermissionPassesCheckAndEveryOtherActionFailsIt() {
        fx.assign(org, fx.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "approve"),
                Grant.allow(reports, "export")), user);
        fx.assign(org, fx.role(org, Grant.deny(invoices, "approve")), user);

        SortedSet<Permission> effective = effective(user.id());

        for (Feature f : List.of(invoices, reports)) {
            for (String action : f.actions()) {
                assertThat(db.tenant(org).authz().check(user.id(), f.id(), action))
                        .as("%s %s", f.code(), action).isEqualTo(effective.contains(p(f, action)));
            }
        }
        assertThat(effective).containsExactlyInAnyOrder(p(invoices, "read"), p(reports, "export"));
    }
}
