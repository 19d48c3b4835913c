package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.auditOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.GrantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every store does with a role's view grants through {@code tenant(org).grants()}:
 * grantView (with the actor's label and the clock's now, idempotent for the same effect, replacing
 * on the other), revokeView, listViews order, replaceViews of the whole set and its failures, which
 * write nothing; and that view grants and feature grants are replaced independently. Feature
 * grants are pinned by {@link GrantStoreContract}.
 */
public abstract class ViewGrantStoreContract extends ContractBase {

    private GrantStore grants(OrgId org) {
        return db.tenant(org).grants();
    }

    private ViewGrant storedView(OrgId org, Role role, ViewAccess v, String by, Instant at) {
        return new ViewGrant(org, role.id(), v.viewId(), v.effect(), by, at);
    }

    // ---- grantView ----------------------------------------------------------------------------

    @Test
    void grantViewStoresTheGrantWithTheActorsLabelAndTheClocksNow() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        View view = data.view();
        Role role = data.role(org);
        clock.advance(Duration.ofMinutes(3));
        Instant now = clock.instant();

        ViewGrant result = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().grantView(role.id(), ViewAccess.allow(view.id())));

        ViewGrant expected = storedView(org, role, ViewAccess.allow(view.id()), "user:" + admin.id(), now);
        assertThat(result).isEqualTo(expected);
        assertThat(grants(org).listViews(role.id())).containsExactly(expected);
    }

    @Test
    void grantingTheSameViewEffectAgainReturnsTheStoredGrantAndChangesNothing() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        View view = data.view();
        Role role = data.role(org);
        ViewGrant original = grants(org).grantView(role.id(), ViewAccess.deny(view.id()));
        int events = auditOf(db, org).size();
        clock.advance(Duration.ofHours(1));

        ViewGrant again = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().grantView(role.id(), ViewAccess.deny(view.id())));

        assertThat(again).isEqualTo(original);
        assertThat(grants(org).listViews(role.id())).containsExactly(original);
        assertThat(auditOf(db, org)).hasSize(events);
    }

    @Test
    void grantingTheOtherViewEffectReplacesTheStoredGrant() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        View view = data.view();
        Role role = data.role(org);
        grants(org).grantView(role.id(), ViewAccess.allow(view.id()));
        clock.advance(Duration.ofHours(1));
        Instant later = clock.instant();

        ViewGrant denied = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().grantView(role.id(), ViewAccess.deny(view.id())));

        ViewGrant expected = storedView(org, role, ViewAccess.deny(view.id()), "user:" + admin.id(), later);
        assertThat(denied).isEqualTo(expected);
        assertThat(grants(org).listViews(role.id())).containsExactly(expected);
    }

    @Test
    void grantViewOfAnUnknownViewThrowsNotFoundOnView() {
        OrgId org = data.org().id();
        Role role = data.role(org);
        ViewId unknown = ViewId.of(UUID.randomUUID());

        assertNotFound(() -> grants(org).grantView(role.id(), ViewAccess.allow(unknown)), "view", unknown);
        assertThat(grants(org).listViews(role.id())).isEmpty();
    }

    // ---- revokeView and listViews -------------------------------------------------------------

    @Test
    void revokeViewReturnsTrueWhenTheRoleHadTheViewGrantAndFalseOtherwise() {
        OrgId org = data.org().id();
        View kept = data.view();
        View revoked = data.view();
        Role role = data.role(org);
        grants(org).grantView(role.id(), ViewAccess.allow(kept.id()));
        grants(org).grantView(role.id(), ViewAccess.allow(revoked.id()));

        assertThat(grants(org).revokeView(role.id(), revoked.id())).isTrue();
        assertThat(grants(org).revokeView(role.id(), revoked.id())).isFalse();
        assertThat(grants(org).revokeView(role.id(), ViewId.of(UUID.randomUUID()))).isFalse();
        assertThat(grants(org).listViews(role.id())).extracting(ViewGrant::viewId).containsExactly(kept.id());
    }

    @Test
    void listViewsOrdersViewGrantsByViewId() {
        OrgId org = data.org().id();
        View v1 = data.view();
        View v2 = data.view();
        View v3 = data.view();
        Role role = data.role(org);
        grants(org).grantView(role.id(), ViewAccess.allow(v3.id()));
        grants(org).grantView(role.id(), ViewAccess.deny(v1.id()));
        grants(org).grantView(role.id(), ViewAccess.allow(v2.id()));

        assertThat(grants(org).listViews(role.id())).extracting(ViewGrant::toAccess).containsExactly(
                ViewAccess.deny(v1.id()), ViewAccess.allow(v2.id()), ViewAccess.allow(v3.id()));
    }

    // ---- replaceViews -------------------------------------------------------------------------

    @Test
    void replaceViewsWritesExactlyTheGivenSetWithTheNewGrantorAndTime() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        View v1 = data.view();
        View v2 = data.view();
        View v3 = data.view();
        Role role = data.role(org);
        grants(org).grantView(role.id(), ViewAccess.allow(v1.id()));
        ViewGrant stays = grants(org).grantView(role.id(), ViewAccess.allow(v2.id()));
        clock.advance(Duration.ofDays(1));
        Instant now = clock.instant();
        String by = "user:" + admin.id();

        List<ViewGrant> result = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replaceViews(role.id(),
                List.of(ViewAccess.deny(v3.id()), ViewAccess.allow(v2.id()))));

        List<ViewGrant> expected = List.of(stays, storedView(org, role, ViewAccess.deny(v3.id()), by, now));
        assertThat(result).as("a grant that stays keeps its grantor and time").containsExactlyElementsOf(expected);
        assertThat(grants(org).listViews(role.id())).containsExactlyElementsOf(expected);

        int events = auditOf(db, org).size();
        long revision = db.tenant(org).revision().value();
        clock.advance(Duration.ofDays(1));
        List<ViewGrant> again = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replaceViews(role.id(),
                List.of(ViewAccess.allow(v2.id()), ViewAccess.deny(v3.id()))));
        assertThat(again).as("the same set again changes nothing").containsExactlyElementsOf(expected);
        assertThat(grants(org).listViews(role.id())).containsExactlyElementsOf(expected);
        assertThat(auditOf(db, org)).as("nothing recorded").hasSize(events);
        assertThat(db.tenant(org).revision().value()).as("no revision moved").isEqualTo(revision);
    }

    @Test
    void replaceViewsWithTheSameViewTwiceThrowsValidationOnViewsAndWritesNothing() {
        OrgId org = data.org().id();
        View v1 = data.view();
        View v2 = data.view();
        Role role = data.role(org);
        grants(org).grantView(role.id(), ViewAccess.allow(v1.id()));
        List<ViewGrant> before = grants(org).listViews(role.id());

        assertValidation(() -> grants(org).replaceViews(role.id(),
                List.of(ViewAccess.allow(v2.id()), ViewAccess.deny(v2.id()))), "views");
        assertThat(grants(org).listViews(role.id())).isEqualTo(before);
    }

    @Test
    void replaceViewsThatFailsOnAnUnknownViewWritesNothing() {
        OrgId org = data.org().id();
        View v1 = data.view();
        View v2 = data.view();
        Role role = data.role(org);
        grants(org).grantView(role.id(), ViewAccess.allow(v1.id()));
        List<ViewGrant> before = grants(org).listViews(role.id());
        ViewId unknown = ViewId.of(UUID.randomUUID());

        assertNotFound(() -> grants(org).replaceViews(role.id(),
                List.of(ViewAccess.deny(v1.id()), ViewAccess.allow(v2.id()), ViewAccess.allow(unknown))), "view", unknown);
        assertThat(grants(org).listViews(role.id())).isEqualTo(before);
    }

    // ---- beside feature grants ----------------------------------------------------------------

    @Test
    void featureGrantsAndViewGrantsAreReplacedIndependently() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read");
        View view = data.view();
        Role role = data.role(org, Grant.allow(feature, "read"));
        grants(org).grantView(role.id(), ViewAccess.allow(view.id()));

        assertThat(grants(org).replaceViews(role.id(), List.of())).isEmpty();
        assertThat(grants(org).list(role.id())).hasSize(1);

        grants(org).grantView(role.id(), ViewAccess.allow(view.id()));
        grants(org).replace(role.id(), List.of());
        assertThat(grants(org).listViews(role.id())).extracting(ViewGrant::viewId).containsExactly(view.id());
    }
}
