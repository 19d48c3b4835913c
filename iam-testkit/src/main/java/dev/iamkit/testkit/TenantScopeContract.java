package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.lang.reflect.Method;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a tenant scope may reach, the same in both stores (on PostgreSQL the database enforces it a
 * second time, docs/security.md): its own organization's data and its own members, never other
 * users, and nothing of the platform (organizations, users, the catalog, menus) to change.
 */
public abstract class TenantScopeContract extends ContractBase {

    @Test
    void aTenantKnowsNothingOfUsersWhoAreNotItsMembers() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Feature feature = data.entitledFeature(b, "read");
        User inB = data.memberWith(b, Grant.allow(feature, "read"));

        assertThat(db.tenant(b).authz().explain(inB.id(), feature.id(), "read").reason()).isEqualTo(Reason.ALLOWED);
        assertThat(db.tenant(a).authz().explain(inB.id(), feature.id(), "read").reason()).isEqualTo(Reason.NOT_A_MEMBER);
        assertThat(db.tenant(a).lookups().usersWhoCan(feature.id(), "read", PageRequest.first()).items()).isEmpty();

        db.users().delete(inB.id());
        assertThat(db.tenant(b).authz().explain(inB.id(), feature.id(), "read").reason()).isEqualTo(Reason.USER_DELETED);
        assertThat(db.tenant(a).authz().explain(inB.id(), feature.id(), "read").reason()).isEqualTo(Reason.NOT_A_MEMBER);
        assertThat(db.tenant(a).authz().explain(UserId.of(UUID.randomUUID()), feature.id(), "read").reason())
                .isEqualTo(Reason.NOT_A_MEMBER);
    }

    @Test
    void addingAStrangerWhoDoesNotExistOrIsDeletedLeavesNoTrace() {
        OrgId org = data.org().id();
        User deleted = data.user();
        db.users().delete(deleted.id());
        UserId unknown = UserId.of(UUID.randomUUID());
        TenantScope t = db.tenant(org);

        assertThatThrownBy(() -> t.memberships().add(deleted.id(), OrgRole.MEMBER))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("user"));
        assertThatThrownBy(() -> t.memberships().invite(unknown, OrgRole.MEMBER))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("user");
                    assertThat(e.id()).isEqualTo(unknown.toString());
                });
        User joined = db.inTenant(org, Actor.system(), tx -> {
            assertThatThrownBy(() -> tx.memberships().add(deleted.id(), OrgRole.MEMBER)).isInstanceOf(NotFoundException.class);
            User u = data.user();
            tx.memberships().add(u.id(), OrgRole.MEMBER);
            return u;
        });

        assertThat(t.memberships().find(deleted.id())).isEmpty();
        assertThat(t.memberships().list(PageRequest.first()).items()).extracting(m -> m.userId()).containsExactly(joined.id());
        assertThat(t.audit().list(PageRequest.first()).items()).hasSize(1);
        assertThat(t.revision().value()).isEqualTo(1);
    }

    @Test
    void tenantWritesLeaveTheOrganizationItselfAsItWas() {
        Organization before = data.org();
        OrgId org = before.id();
        Feature feature = data.entitledFeature(org, "read");
        User member = data.memberWith(org, Grant.allow(feature, "read"));
        db.tenant(org).teams().create(new dev.iamkit.model.NewTeam("Ops", ""));
        db.tenant(org).memberships().remove(member.id());

        Organization after = db.organizations().find(org).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(after.status()).isEqualTo(before.status());
    }

    /**
     * The tenant API has no door to platform or identity data: no group of a tenant scope is, or
     * takes, an organization, a user or a catalog record to write.
     */
    @Test
    void aTenantScopeHasNoGroupThatChangesOrganizationsUsersTheCatalogOrMenus() {
        java.util.Set<Class<?>> platform = java.util.Set.of(dev.iamkit.store.OrganizationStore.class, dev.iamkit.store.UserStore.class,
                dev.iamkit.store.CatalogStore.class, dev.iamkit.store.ModuleStore.class, dev.iamkit.store.FeatureStore.class,
                dev.iamkit.store.ViewStore.class, dev.iamkit.store.NavigationStore.class, dev.iamkit.store.SessionStore.class,
                dev.iamkit.store.MagicLinkStore.class, dev.iamkit.store.RateLimiter.class, dev.iamkit.store.PrivacyStore.class,
                dev.iamkit.store.Housekeeping.class, dev.iamkit.store.ApiKeyAuthenticator.class);
        java.util.Set<Class<?>> platformRecords = java.util.Set.of(Organization.class, User.class, dev.iamkit.model.NewOrganization.class,
                dev.iamkit.model.NewUser.class, dev.iamkit.model.NewModule.class, dev.iamkit.model.NewFeature.class, dev.iamkit.model.NewView.class,
                dev.iamkit.model.NewMenuItem.class, dev.iamkit.model.MenuItem.class, dev.iamkit.model.Module.class, dev.iamkit.model.View.class);
        TenantScope scope = db.tenant(data.org().id());
        for (Method group : TenantScope.class.getMethods()) {
            assertThat(platform).as("TenantScope." + group.getName()).doesNotContain(group.getReturnType());
            if (!group.getReturnType().getPackageName().equals("dev.iamkit.store")) {
                continue;
            }
            for (Method m : group.getReturnType().getMethods()) {
                for (Class<?> p : m.getParameterTypes()) {
                    assertThat(platformRecords).as(group.getReturnType().getSimpleName() + "." + m.getName()).doesNotContain(p);
                }
            }
        }
        assertThat(scope.orgId()).isNotNull();
    }
}
