package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Decision;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewId;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code canAccessView}, {@code explainView} and {@code accessibleViews}: the same five rules with
 * view grants and the modules that contain the view.
 */
public abstract class ViewAccessContract extends ContractBase {
    private AccessFixtures fx;
    private OrgId org;
    private View dashboard;
    private View settings;
    private Module module;
    private User user;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        dashboard = data.view();
        settings = data.view();
        module = fx.entitledViewModule(org, dashboard, settings);
        user = data.member(org);
    }

    private boolean canSee(View v) {
        return db.tenant(org).authz().canAccessView(user.id(), v.id());
    }

    private Decision explain(View v) {
        return db.tenant(org).authz().explainView(user.id(), v.id());
    }

    @Test
    void viewGrantInADirectRoleGivesAccessAndIsReportedWithRoleAndModule() {
        Role role = fx.viewRole(org, ViewAccess.allow(dashboard.id()));
        fx.assign(org, role, user);

        assertThat(canSee(dashboard)).isTrue();
        assertThat(canSee(settings)).isFalse();
        assertThat(explain(dashboard))
                .isEqualTo(new Decision(true, Reason.ALLOWED, Optional.of(role.id()), Optional.empty(), Optional.of(module.id())));
    }

    @Test
    void viewGrantThroughATeamGivesAccessAndIsReportedWithTheTeam() {
        Role role = fx.viewRole(org, ViewAccess.allow(dashboard.id()));
        Team team = fx.team(org, user);
        fx.assign(org, role, team);

        assertThat(canSee(dashboard)).isTrue();
        assertThat(explain(dashboard).viaTeam()).contains(team.id());
    }

    @Test
    void entitledViewWithoutAGrantIsReportedAsNoAllowGrant() {
        assertThat(canSee(dashboard)).isFalse();
        assertThat(explain(dashboard))
                .isEqualTo(new Decision(false, Reason.NO_ALLOW_GRANT, Optional.empty(), Optional.empty(), Optional.of(module.id())));
    }

    @Test
    void featureGrantsDoNotOpenViews() {
        Feature feature = data.feature("read");
        db.catalog().linkFeature(module.id(), feature.id());
        db.catalog().linkFeatureView(feature.id(), dashboard.id());
        fx.assign(org, fx.role(org, Grant.allow(feature, "read")), user);

        assertThat(canSee(dashboard)).isFalse();
    }

    @Test
    void unknownViewIsReportedAsViewNotFound() {
        ViewId unknown = ViewId.of(UUID.randomUUID());

        assertThat(db.tenant(org).authz().canAccessView(user.id(), unknown)).isFalse();
        assertThat(db.tenant(org).authz().explainView(user.id(), unknown)).isEqualTo(Decision.denied(Reason.VIEW_NOT_FOUND));
    }

    @Test
    void deletedViewIsDeniedAsNotFound() {
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), user);

        db.catalog().views().delete(dashboard.id());

        assertThat(canSee(dashboard)).isFalse();
        assertThat(explain(dashboard).reason()).isEqualTo(Reason.VIEW_NOT_FOUND);
    }

    @Test
    void viewInNoEntitledModuleIsReportedAsNotEntitled() {
        View unsold = data.view();
        Module other = data.module();
        db.catalog().linkView(other.id(), unsold.id());
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(unsold.id())), user);

        assertThat(db.tenant(org).authz().canAccessView(user.id(), unsold.id())).isFalse();
        assertThat(db.tenant(org).authz().explainView(user.id(), unsold.id())).isEqualTo(Decision.denied(Reason.NOT_ENTITLED));
    }

    @Test
    void disabledEntitlementOrDisabledModuleClosesTheView() {
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), user);
        db.tenant(org).entitlements().setEnabled(module.id(), false);
        assertThat(canSee(dashboard)).as("entitlement disabled").isFalse();

        db.tenant(org).entitlements().setEnabled(module.id(), true);
        db.catalog().modules().update(db.catalog().modules().find(module.id()).orElseThrow().withEnabled(false));

        assertThat(canSee(dashboard)).as("module disabled").isFalse();
    }

    @Test
    void denyInAnotherRoleWinsAndIsReportedWithTheDenyingRole() {
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), user);
        Role denying = fx.viewRole(org, ViewAccess.deny(dashboard.id()));
        Team team = fx.team(org, user);
        fx.assign(org, denying, team);

        assertThat(canSee(dashboard)).isFalse();
        assertThat(explain(dashboard))
                .isEqualTo(new Decision(false, Reason.DENIED, Optional.of(denying.id()), Optional.of(team.id()), Optional.of(module.id())));
    }

    @Test
    void viewDenyInAnExpiredAssignmentNoLongerApplies() {
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), user);
        fx.assignUntil(org, fx.viewRole(org, ViewAccess.deny(dashboard.id())), Principal.user(user.id()),
                clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(canSee(dashboard)).isFalse();

        clock.advance(Duration.ofMinutes(30));

        assertThat(canSee(dashboard)).isTrue();
    }

    @Test
    void viewThatNeedsNoAuthenticationStillFollowsTheRules() {
        View open = db.catalog().views().create(new NewView("public-home", "Home", "/home", false, Optional.empty(), 0));
        db.catalog().linkView(module.id(), open.id());

        assertThat(canSee(open)).isFalse();
        assertThat(explain(open).reason()).isEqualTo(Reason.NO_ALLOW_GRANT);
    }

    @Test
    void smallestEntitledModuleIdIsReportedForAView() {
        Module second = fx.entitledViewModule(org, dashboard);
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), user);

        assertThat(explain(dashboard).moduleId()).contains(Collections.min(List.<ModuleId>of(module.id(), second.id())));
    }

    @Test
    void accessibleViewsAreExactlyTheAllowedEntitledUndeniedViewsInIdOrder() {
        View third = data.view();
        View unsold = data.view();
        db.catalog().linkView(module.id(), third.id());
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(third.id()), ViewAccess.allow(dashboard.id()),
                ViewAccess.allow(settings.id()), ViewAccess.allow(unsold.id())), user);
        fx.assign(org, fx.viewRole(org, ViewAccess.deny(settings.id())), fx.team(org, user));

        assertThat(db.tenant(org).authz().accessibleViews(user.id()))
                .containsExactlyElementsOf(new java.util.TreeSet<>(List.of(dashboard.id(), third.id())));
        for (View v : List.of(dashboard, settings, third, unsold)) {
            assertThat(canSee(v)).as(v.code()).isEqualTo(v == dashboard || v == third);
        }
    }

    @Test
    void noViewsAreAccessibleWhenTheOrganizationOrTheMembershipFails() {
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), user);
        User invitee = fx.invited(org);
        fx.assign(org, fx.viewRole(org, ViewAccess.allow(dashboard.id())), invitee);

        assertThat(db.tenant(org).authz().accessibleViews(invitee.id())).as("invited").isEmpty();
        assertThat(db.tenant(org).authz().explainView(invitee.id(), dashboard.id())).isEqualTo(Decision.denied(Reason.MEMBERSHIP_NOT_ACTIVE));

        fx.setStatus(org, OrgStatus.SUSPENDED);

        assertThat(db.tenant(org).authz().accessibleViews(user.id())).as("suspended organization").isEmpty();
        assertThat(explain(dashboard)).isEqualTo(Decision.denied(Reason.ORGANIZATION_SUSPENDED));
    }
}
