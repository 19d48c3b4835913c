package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.unknownOrgId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.User;
import dev.iamkit.store.EntitlementStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every store does with an organization's module entitlements: {@code tenant(org).entitlements()}. */
public abstract class EntitlementStoreContract extends ContractBase {

    private EntitlementStore entitlements(OrgId org) {
        return db.tenant(org).entitlements();
    }

    @Test
    void entitleCreatesAnEnabledEntitlementWithoutExpiryStampedWithTheClock() {
        OrgId org = data.org().id();
        Module module = data.module();
        clock.advance(Duration.ofMinutes(45));
        Instant now = clock.instant();

        Entitlement e = entitlements(org).entitle(module.id());

        assertThat(e).isEqualTo(new Entitlement(org, module.id(), true, Optional.empty(), now, now));
        assertThat(entitlements(org).find(module.id())).contains(e);
        assertThat(entitlements(org).list()).containsExactly(e);
    }

    @Test
    void entitleWithAnExpiryStoresTheExpiry() {
        OrgId org = data.org().id();
        User admin = data.member(org);
        Module module = data.module();
        Instant now = clock.instant();
        Instant expiry = now.plus(Duration.ofDays(365));

        Entitlement e = db.inTenant(org, Actor.user(admin.id()), tx -> tx.entitlements().entitle(module.id(), Optional.of(expiry)));

        assertThat(e).isEqualTo(new Entitlement(org, module.id(), true, Optional.of(expiry), now, now));
        assertThat(entitlements(org).find(module.id())).contains(e);
    }

    @Test
    void entitlingAgainEnablesItAndReplacesTheExpiry() {
        OrgId org = data.org().id();
        Module module = data.module();
        Instant created = clock.instant();
        entitlements(org).entitle(module.id(), Optional.of(created.plus(Duration.ofDays(30))));
        entitlements(org).setEnabled(module.id(), false);
        clock.advance(Duration.ofDays(40));
        Instant later = clock.instant();

        Entitlement again = entitlements(org).entitle(module.id());

        assertThat(again).isEqualTo(new Entitlement(org, module.id(), true, Optional.empty(), created, later));
        assertThat(entitlements(org).list()).containsExactly(again);

        Instant newExpiry = later.plus(Duration.ofDays(7));
        assertThat(entitlements(org).entitle(module.id(), Optional.of(newExpiry)).expiresAt()).contains(newExpiry);
        assertThat(entitlements(org).find(module.id())).get().extracting(Entitlement::expiresAt).isEqualTo(Optional.of(newExpiry));
    }

    @Test
    void entitleOfAModuleMissingFromTheCatalogThrowsNotFoundOnModule() {
        OrgId org = data.org().id();
        ModuleId unknown = ModuleId.of(UUID.randomUUID());
        Module deleted = data.module();
        db.catalog().modules().delete(deleted.id());

        assertNotFound(() -> entitlements(org).entitle(unknown), "module", unknown);
        assertNotFound(() -> entitlements(org).entitle(deleted.id()), "module", deleted.id());
        assertThat(entitlements(org).list()).isEmpty();
    }

    @Test
    void entitleInAnOrganizationThatDoesNotExistThrowsNotFoundOnOrganization() {
        OrgId nowhere = unknownOrgId();
        Module module = data.module();

        assertNotFound(() -> entitlements(nowhere).entitle(module.id()), "organization", nowhere);
        assertThat(entitlements(nowhere).find(module.id())).isEmpty();
        assertThat(entitlements(nowhere).list()).isEmpty();
    }

    @Test
    void aDisabledCatalogModuleCanStillBeEntitled() {
        OrgId org = data.org().id();
        Module off = db.catalog().modules().create(new NewModule("legacy-reports", "Legacy reports", "", false, 0));

        Entitlement e = entitlements(org).entitle(off.id());

        assertThat(e.enabled()).isTrue();
        assertThat(entitlements(org).find(off.id())).contains(e);
    }

    @Test
    void deletingAModuleFromTheCatalogRemovesEveryOrganizationsEntitlementToIt() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Module doomed = data.module();
        Module kept = data.module();
        entitlements(a).entitle(doomed.id());
        entitlements(b).entitle(doomed.id());
        Entitlement keptInA = entitlements(a).entitle(kept.id());

        db.catalog().modules().delete(doomed.id());

        assertThat(entitlements(a).find(doomed.id())).isEmpty();
        assertThat(entitlements(b).find(doomed.id())).isEmpty();
        assertThat(entitlements(a).list()).containsExactly(keptInA);
        assertThat(entitlements(b).list()).isEmpty();
    }

    @Test
    void setEnabledTurnsTheEntitlementOffAndOnKeepingItsExpiry() {
        OrgId org = data.org().id();
        Module module = data.module();
        Instant created = clock.instant();
        Instant expiry = created.plus(Duration.ofDays(10));
        entitlements(org).entitle(module.id(), Optional.of(expiry));
        clock.advance(Duration.ofDays(1));
        Instant off = clock.instant();

        Entitlement disabled = entitlements(org).setEnabled(module.id(), false);

        assertThat(disabled).isEqualTo(new Entitlement(org, module.id(), false, Optional.of(expiry), created, off));
        assertThat(entitlements(org).find(module.id())).contains(disabled);

        clock.advance(Duration.ofDays(1));
        Entitlement enabled = db.inTenant(org, Actor.system(), tx -> tx.entitlements().setEnabled(module.id(), true));
        assertThat(enabled).isEqualTo(new Entitlement(org, module.id(), true, Optional.of(expiry), created, clock.instant()));
    }

    @Test
    void setEnabledWorksOnAnExpiredEntitlement() {
        OrgId org = data.org().id();
        Module module = data.module();
        Instant expiry = clock.instant().plus(Duration.ofHours(1));
        entitlements(org).entitle(module.id(), Optional.of(expiry));
        clock.advance(Duration.ofDays(2));

        Entitlement disabled = entitlements(org).setEnabled(module.id(), false);

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.expiresAt()).contains(expiry);
    }

    @Test
    void setEnabledWithoutAnEntitlementThrowsNotFoundOnEntitlement() {
        OrgId org = data.org().id();
        OrgId other = data.org().id();
        Module module = data.module();
        entitlements(other).entitle(module.id());

        assertNotFound(() -> entitlements(org).setEnabled(module.id(), true), "entitlement", module.id());
        assertThat(entitlements(org).find(module.id())).isEmpty();
    }

    @Test
    void revokeReturnsTrueWhenThereWasAnEntitlementAndFalseOtherwise() {
        OrgId org = data.org().id();
        Module revoked = data.module();
        Module kept = data.module();
        entitlements(org).entitle(revoked.id());
        Entitlement keptEntitlement = entitlements(org).entitle(kept.id());

        boolean first = db.inTenant(org, Actor.system(), tx -> tx.entitlements().revoke(revoked.id()));

        assertThat(first).isTrue();
        assertThat(entitlements(org).revoke(revoked.id())).isFalse();
        assertThat(entitlements(org).revoke(ModuleId.of(UUID.randomUUID()))).isFalse();
        assertThat(entitlements(org).find(revoked.id())).isEmpty();
        assertThat(entitlements(org).list()).containsExactly(keptEntitlement);
    }

    @Test
    void listHasEveryEntitlementInModuleIdOrderIncludingDisabledAndExpiredOnes() {
        OrgId org = data.org().id();
        Module m1 = db.catalog().modules().create(new NewModule("zeta", "Zeta", "", true, 30));
        Module m2 = db.catalog().modules().create(new NewModule("alpha", "Alpha", "", true, 10));
        Module m3 = db.catalog().modules().create(new NewModule("mu", "Mu", "", true, 20));
        entitlements(org).entitle(m3.id(), Optional.of(clock.instant().plus(Duration.ofMinutes(5))));
        entitlements(org).entitle(m1.id());
        entitlements(org).entitle(m2.id());
        entitlements(org).setEnabled(m1.id(), false);
        clock.advance(Duration.ofHours(1));

        assertThat(entitlements(org).list()).extracting(Entitlement::moduleId).containsExactly(m1.id(), m2.id(), m3.id());
        assertThat(entitlements(org).list()).extracting(e -> e.activeAt(clock.instant())).containsExactly(false, true, false);
    }

    @Test
    void entitlementsBelongToOneOrganization() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Module module = data.module();
        Entitlement inA = entitlements(a).entitle(module.id());

        assertThat(entitlements(b).find(module.id())).isEmpty();
        assertThat(entitlements(b).list()).isEmpty();
        assertThat(entitlements(b).revoke(module.id())).isFalse();
        assertThat(entitlements(a).find(module.id())).contains(inA);
    }

    @Test
    void anEntitlementMadeInATransactionThatFailsIsRolledBack() {
        OrgId org = data.org().id();
        Module module = data.module();
        Module other = data.module();
        Entitlement kept = entitlements(org).entitle(other.id());

        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.entitlements().entitle(module.id());
            tx.entitlements().setEnabled(other.id(), false);
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(entitlements(org).list()).containsExactly(kept);
    }
}
