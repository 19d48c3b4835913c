package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.auditOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.store.GrantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every store does with a role's feature grants through {@code tenant(org).grants()}: grant
 * (with the actor's label and the clock's now, idempotent for the same effect, replacing on the
 * other), revoke, list order, replace of the whole set, the not-found and validation failures,
 * which write nothing, and that another organization's role is unknown to every call (its view
 * grants included). View grants themselves are pinned by {@link ViewGrantStoreContract}.
 */
public abstract class GrantStoreContract extends ContractBase {

    private GrantStore grants(OrgId org) {
        return db.tenant(org).grants();
    }

    private FeatureGrant stored(OrgId org, Role role, Grant g, String by, Instant at) {
        return new FeatureGrant(org, role.id(), g.featureId(), g.action(), g.effect(), by, at);
    }

    // ---- grant --------------------------------------------------------------------------------

    @Test
    void grantStoresTheGrantWithTheActorsLabelAndTheClocksNow() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Feature feature = data.feature("read", "write");
        Role role = data.role(org);
        clock.advance(Duration.ofMinutes(7));
        Instant now = clock.instant();
        Grant g = Grant.allow(feature, "read");

        FeatureGrant result = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().grant(role.id(), g));

        FeatureGrant expected = stored(org, role, g, "user:" + admin.id(), now);
        assertThat(result).isEqualTo(expected);
        assertThat(grants(org).list(role.id())).containsExactly(expected);
    }

    @Test
    void grantThroughTheSystemScopeIsGrantedBySystem() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read");
        Role role = data.role(org);

        FeatureGrant result = grants(org).grant(role.id(), Grant.deny(feature, "read"));

        assertThat(result.grantedBy()).isEqualTo("system");
        assertThat(result.effect()).isEqualTo(Effect.DENY);
        assertThat(db.tenant(org, Actor.service("billing-sync")).grants().grant(role.id(), Grant.allow(feature, "read")).grantedBy())
                .isEqualTo("service:billing-sync");
    }

    @Test
    void grantingTheSameEffectAgainReturnsTheStoredGrantAndChangesNothing() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Feature feature = data.feature("read");
        Role role = data.role(org);
        Instant first = clock.instant();
        FeatureGrant original = grants(org).grant(role.id(), Grant.allow(feature, "read"));
        int events = auditOf(db, org).size();
        clock.advance(Duration.ofHours(1));

        FeatureGrant again = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().grant(role.id(), Grant.allow(feature, "read")));

        assertThat(again).isEqualTo(original);
        assertThat(again.grantedBy()).isEqualTo("system");
        assertThat(again.grantedAt()).isEqualTo(first);
        assertThat(grants(org).list(role.id())).containsExactly(original);
        assertThat(auditOf(db, org)).hasSize(events);
    }

    @Test
    void grantingTheOtherEffectReplacesTheStoredGrant() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Feature feature = data.feature("read");
        Role role = data.role(org);
        grants(org).grant(role.id(), Grant.allow(feature, "read"));
        clock.advance(Duration.ofHours(1));
        Instant later = clock.instant();

        FeatureGrant denied = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().grant(role.id(), Grant.deny(feature, "read")));

        FeatureGrant expected = stored(org, role, Grant.deny(feature, "read"), "user:" + admin.id(), later);
        assertThat(denied).isEqualTo(expected);
        assertThat(grants(org).list(role.id())).containsExactly(expected);
    }

    @Test
    void grantOfAnUnknownFeatureThrowsNotFoundOnFeature() {
        OrgId org = data.org().id();
        Role role = data.role(org);
        FeatureId unknown = FeatureId.of(UUID.randomUUID());

        assertNotFound(() -> grants(org).grant(role.id(), Grant.allow(unknown, "read")), "feature", unknown);
        assertThat(grants(org).list(role.id())).isEmpty();
    }

    @Test
    void grantOfAnActionTheFeatureDoesNotHaveThrowsValidationOnAction() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        Role role = data.role(org);

        assertValidation(() -> grants(org).grant(role.id(), Grant.allow(feature, "approve")), "action");
        assertThat(grants(org).list(role.id())).isEmpty();
    }

    @Test
    void grantToAnUnknownRoleOrAnotherOrganizationsRoleThrowsNotFoundOnRole() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Feature feature = data.feature("read");
        Role inA = data.role(a);
        RoleId unknown = RoleId.of(UUID.randomUUID());

        assertNotFound(() -> grants(a).grant(unknown, Grant.allow(feature, "read")), "role", unknown);
        assertNotFound(() -> grants(b).grant(inA.id(), Grant.allow(feature, "read")), "role", inA.id());
        assertThat(grants(a).list(inA.id())).isEmpty();
    }

    // ---- revoke -------------------------------------------------------------------------------

    @Test
    void revokeReturnsTrueWhenTheRoleHadTheGrantAndFalseOtherwise() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        Role role = data.role(org, Grant.allow(feature, "read"), Grant.deny(feature, "write"));

        assertThat(grants(org).revoke(role.id(), feature.id(), "read")).isTrue();
        assertThat(grants(org).revoke(role.id(), feature.id(), "read")).isFalse();
        assertThat(grants(org).revoke(role.id(), FeatureId.of(UUID.randomUUID()), "read")).isFalse();
        assertThat(grants(org).list(role.id())).extracting(FeatureGrant::toGrant)
                .containsExactly(Grant.deny(feature, "write"));
    }

    @Test
    void revokeOnAnotherOrganizationsRoleThrowsNotFoundAndLeavesItsGrant() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Feature feature = data.feature("read");
        Role inA = data.role(a, Grant.allow(feature, "read"));

        assertNotFound(() -> grants(b).revoke(inA.id(), feature.id(), "read"), "role", inA.id());
        assertThat(grants(a).list(inA.id())).hasSize(1);
    }

    // ---- list ---------------------------------------------------------------------------------

    @Test
    void listOrdersGrantsByFeatureIdThenAction() {
        OrgId org = data.org().id();
        Feature first = data.feature("approve", "read", "write");
        Feature second = data.feature("approve", "read");
        Role role = data.role(org);
        grants(org).grant(role.id(), Grant.allow(second, "read"));
        grants(org).grant(role.id(), Grant.deny(first, "write"));
        grants(org).grant(role.id(), Grant.allow(second, "approve"));
        grants(org).grant(role.id(), Grant.allow(first, "approve"));

        assertThat(grants(org).list(role.id())).extracting(FeatureGrant::toGrant).containsExactly(
                Grant.allow(first, "approve"),
                Grant.deny(first, "write"),
                Grant.allow(second, "approve"),
                Grant.allow(second, "read"));
    }

    @Test
    void grantsOfOneRoleAreNotListedForAnother() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        Role reader = data.role(org, Grant.allow(feature, "read"));
        Role writer = data.role(org, Grant.allow(feature, "write"));

        grants(org).replace(reader.id(), List.of());

        assertThat(grants(org).list(reader.id())).isEmpty();
        assertThat(grants(org).list(writer.id())).extracting(FeatureGrant::toGrant)
                .containsExactly(Grant.allow(feature, "write"));
    }

    @Test
    void grantsOfARoleInAnotherOrganizationAreInvisible() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Feature feature = data.feature("read");
        View view = data.view();
        Role inA = data.role(a, Grant.allow(feature, "read"));
        grants(a).grantView(inA.id(), ViewAccess.allow(view.id()));

        assertNotFound(() -> grants(b).list(inA.id()), "role", inA.id());
        assertNotFound(() -> grants(b).listViews(inA.id()), "role", inA.id());
    }

    // ---- replace ------------------------------------------------------------------------------

    @Test
    void replaceWritesExactlyTheGivenSetAndReturnsItInListOrder() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Feature first = data.feature("read", "write");
        Feature second = data.feature("read", "approve");
        Role role = data.role(org, Grant.allow(first, "read"), Grant.allow(second, "approve"));
        FeatureGrant stays = grants(org).list(role.id()).stream().filter(g -> g.action().equals("approve")).findFirst().orElseThrow();
        clock.advance(Duration.ofDays(1));
        Instant now = clock.instant();
        String by = "user:" + admin.id();

        List<FeatureGrant> result = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replace(role.id(),
                List.of(Grant.deny(second, "read"), Grant.allow(first, "write"), Grant.allow(second, "approve"))));

        List<FeatureGrant> expected = new java.util.ArrayList<>(List.of(
                stored(org, role, Grant.allow(first, "write"), by, now),
                stays,
                stored(org, role, Grant.deny(second, "read"), by, now)));
        expected.sort(java.util.Comparator.comparing(g -> g.toGrant().permission()));
        assertThat(result).containsExactlyElementsOf(expected);
        assertThat(grants(org).list(role.id())).containsExactlyElementsOf(expected);
    }

    @Test
    void replaceKeepsTheGrantorAndTimeOfGrantsThatStayAndWithTheSameSetWritesNothing() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Feature feature = data.feature("read", "write", "approve");
        Role role = data.role(org, Grant.allow(feature, "read"), Grant.deny(feature, "write"));
        List<FeatureGrant> original = grants(org).list(role.id());
        int events = auditOf(db, org).size();
        long revision = db.tenant(org).revision().value();
        clock.advance(Duration.ofHours(2));

        List<FeatureGrant> same = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replace(role.id(),
                List.of(Grant.deny(feature, "write"), Grant.allow(feature, "read"))));

        assertThat(same).as("returned as stored").containsExactlyElementsOf(original);
        assertThat(grants(org).list(role.id())).containsExactlyElementsOf(original);
        assertThat(auditOf(db, org)).as("nothing recorded").hasSize(events);
        assertThat(db.tenant(org).revision().value()).as("no revision moved").isEqualTo(revision);

        Instant now = clock.instant();
        List<FeatureGrant> grown = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replace(role.id(),
                List.of(Grant.allow(feature, "read"), Grant.deny(feature, "write"), Grant.allow(feature, "approve"))));

        assertThat(grown).containsExactlyInAnyOrder(original.get(0), original.get(1),
                stored(org, role, Grant.allow(feature, "approve"), "user:" + admin.id(), now));
        assertThat(grants(org).list(role.id())).containsExactlyElementsOf(grown);
        assertThat(auditOf(db, org)).hasSize(events + 1);
        long grownAt = db.tenant(org).revision().value();
        assertThat(grownAt).isGreaterThan(revision);

        List<FeatureGrant> shrunk = db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replace(role.id(),
                List.of(Grant.allow(feature, "read"), Grant.deny(feature, "write"))));

        assertThat(shrunk).as("a removal alone is a change").containsExactlyElementsOf(original);
        assertThat(auditOf(db, org)).hasSize(events + 2);
        assertThat(db.tenant(org).revision().value()).isGreaterThan(grownAt);
    }

    @Test
    void replaceThatFlipsTheEffectsOfGrantsThatStayStoresTheNewEffects() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Feature feature = data.feature("read", "write", "approve");
        Role role = data.role(org, Grant.allow(feature, "read"), Grant.deny(feature, "write"), Grant.allow(feature, "approve"));
        FeatureGrant stays = grants(org).list(role.id()).stream().filter(g -> g.action().equals("approve")).findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        Instant now = clock.instant();
        String by = "user:" + admin.id();

        db.inTenant(org, Actor.user(admin.id()), tx -> tx.grants().replace(role.id(),
                List.of(Grant.deny(feature, "read"), Grant.allow(feature, "write"), Grant.allow(feature, "approve"))));

        assertThat(grants(org).list(role.id())).containsExactlyInAnyOrder(
                stored(org, role, Grant.deny(feature, "read"), by, now),
                stored(org, role, Grant.allow(feature, "write"), by, now),
                stays);
    }

    @Test
    void replaceWithAnEmptyListRemovesEveryFeatureGrantOfTheRole() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        Role role = data.role(org, Grant.allow(feature, "read"), Grant.allow(feature, "write"));

        List<FeatureGrant> result = grants(org).replace(role.id(), List.of());

        assertThat(result).isEmpty();
        assertThat(grants(org).list(role.id())).isEmpty();
    }

    @Test
    void replaceWithTheSameFeatureActionTwiceThrowsValidationOnGrantsAndWritesNothing() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        Role role = data.role(org, Grant.allow(feature, "write"));
        List<FeatureGrant> before = grants(org).list(role.id());
        int events = auditOf(db, org).size();

        assertValidation(() -> grants(org).replace(role.id(),
                List.of(Grant.allow(feature, "read"), Grant.deny(feature, "read"))), "grants");
        assertValidation(() -> grants(org).replace(role.id(),
                List.of(Grant.allow(feature, "read"), Grant.allow(feature, "read"))), "grants");
        assertThat(grants(org).list(role.id())).isEqualTo(before);
        assertThat(auditOf(db, org)).hasSize(events);
    }

    @Test
    void replaceThatFailsOnItsThirdGrantBecauseOfAnUnknownFeatureWritesNothing() {
        OrgId org = data.org().id();
        Feature first = data.feature("read", "write");
        Feature second = data.feature("read");
        Role role = data.role(org, Grant.allow(first, "read"));
        List<FeatureGrant> before = grants(org).list(role.id());
        FeatureId unknown = FeatureId.of(UUID.randomUUID());

        assertNotFound(() -> grants(org).replace(role.id(), List.of(
                Grant.allow(first, "write"), Grant.allow(second, "read"), Grant.allow(unknown, "read"))), "feature", unknown);
        assertThat(grants(org).list(role.id())).isEqualTo(before);
    }

    @Test
    void replaceThatFailsOnAnActionTheFeatureDoesNotHaveThrowsValidationOnActionAndWritesNothing() {
        OrgId org = data.org().id();
        Feature first = data.feature("read", "write");
        Feature second = data.feature("read");
        Role role = data.role(org, Grant.allow(first, "read"));
        List<FeatureGrant> before = grants(org).list(role.id());

        assertValidation(() -> grants(org).replace(role.id(), List.of(
                Grant.allow(first, "write"), Grant.allow(second, "read"), Grant.allow(second, "write"))), "action");
        assertThat(grants(org).list(role.id())).isEqualTo(before);
    }

    @Test
    void replaceOnAnotherOrganizationsRoleThrowsNotFoundOnRole() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Feature feature = data.feature("read", "write");
        Role inA = data.role(a, Grant.allow(feature, "read"));

        assertNotFound(() -> grants(b).replace(inA.id(), List.of(Grant.deny(feature, "write"))), "role", inA.id());
        assertThat(grants(a).list(inA.id())).extracting(FeatureGrant::toGrant).containsExactly(Grant.allow(feature, "read"));
    }

    @Test
    void grantsWrittenInATransactionThatFailsAreRolledBack() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        Role role = data.role(org, Grant.allow(feature, "read"));
        List<FeatureGrant> before = grants(org).list(role.id());

        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.grants().replace(role.id(), List.of(Grant.deny(feature, "write")));
            tx.grants().grant(role.id(), Grant.deny(feature, "read"));
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(grants(org).list(role.id())).isEqualTo(before);
    }
}
