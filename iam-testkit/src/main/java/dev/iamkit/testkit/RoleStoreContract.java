package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.allPages;
import static dev.iamkit.testkit.TenantFixtures.assertAlreadyExists;
import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertStale;
import static dev.iamkit.testkit.TenantFixtures.assertTenantMismatch;
import static dev.iamkit.testkit.TenantFixtures.itemsOf;
import static dev.iamkit.testkit.TenantFixtures.sizesOf;
import static dev.iamkit.testkit.TenantFixtures.unknownOrgId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.store.RoleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What every store does with the roles of an organization: {@code tenant(org).roles()}. */
public abstract class RoleStoreContract extends ContractBase {

    private RoleStore roles(OrgId org) {
        return db.tenant(org).roles();
    }

    // ---- create / find / list -----------------------------------------------------------------

    @Test
    void createReturnsTheRoleAtVersionZeroStampedWithTheClock() {
        OrgId org = data.org().id();
        clock.advance(Duration.ofMinutes(90));
        Instant now = clock.instant();

        Role role = roles(org).create(new NewRole("billing.admin", "Billing admin", "Manages invoices"));

        assertThat(role).isEqualTo(new Role(org, role.id(), "billing.admin", "Billing admin", "Manages invoices", 0, now, now));
        assertThat(roles(org).find(role.id())).contains(role);
        assertThat(roles(org).findByCode("billing.admin")).contains(role);
    }

    @Test
    void roleCodesAreUniquePerOrganization() {
        OrgId org = data.org().id();
        Role first = roles(org).create(new NewRole("billing.admin", "Billing admin"));

        assertAlreadyExists(() -> roles(org).create(new NewRole("billing.admin", "Another name")), "role", "code", "billing.admin");
        assertThat(roles(org).list(PageRequest.first()).items()).containsExactly(first);
    }

    @Test
    void sameRoleCodeInAnotherOrganizationIsAllowed() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Role inA = roles(a).create(new NewRole("auditor", "Auditor"));

        Role inB = roles(b).create(new NewRole("auditor", "Auditor"));

        assertThat(inB.id()).isNotEqualTo(inA.id());
        assertThat(roles(a).findByCode("auditor")).contains(inA);
        assertThat(roles(b).findByCode("auditor")).contains(inB);
    }

    @Test
    void createInAnOrganizationThatDoesNotExistThrowsNotFoundOnOrganization() {
        OrgId nowhere = unknownOrgId();

        assertNotFound(() -> roles(nowhere).create(new NewRole("auditor", "Auditor")), "organization", nowhere);
        assertThat(roles(nowhere).findByCode("auditor")).isEmpty();
        assertThat(roles(nowhere).list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void anotherOrganizationsRoleIsNotFoundByIdOrCode() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Role inA = roles(a).create(new NewRole("auditor", "Auditor"));

        assertThat(roles(b).find(inA.id())).isEmpty();
        assertThat(roles(b).findByCode("auditor")).isEmpty();
        assertThat(roles(b).list(PageRequest.first()).items()).isEmpty();
        assertThat(roles(a).find(RoleId.of(UUID.randomUUID()))).isEmpty();
        assertThat(roles(a).findByCode("no-such-role")).isEmpty();
    }

    @Test
    void listPagesThroughRolesInCreationOrderNotCodeOrder() {
        OrgId org = data.org().id();
        List<Role> created = Stream.of("zeta", "alpha", "mu", "beta", "omega")
                .map(c -> roles(org).create(new NewRole(c, c.toUpperCase())))
                .toList();
        data.role(data.org().id());

        List<Page<Role>> pages = allPages(r -> roles(org).list(r), 2);

        assertThat(sizesOf(pages)).containsExactly(2, 2, 1);
        assertThat(itemsOf(pages)).containsExactlyElementsOf(created);
    }

    @Test
    void anEmptyOrganizationHasAnEmptyRoleListWithoutCursor() {
        OrgId org = data.org().id();

        Page<Role> page = roles(org).list(PageRequest.first(1));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    /** A clock finer than the store's microseconds: what create returns is what a read finds (truncated, never rounded). */
    @Test
    void aRoleCreatedAtAnInstantFinerThanMicrosecondsReadsBackAsCreated() {
        OrgId org = data.org().id();
        clock.set(Instant.parse("2026-03-01T10:00:00.123456999Z"));
        Role role = roles(org).create(new NewRole("fine", "Fine"));
        assertThat(role.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(roles(org).find(role.id())).contains(role);
    }

    // ---- update -------------------------------------------------------------------------------

    @Test
    void updateStoresCodeNameAndDescriptionAndIncrementsTheVersion() {
        OrgId org = data.org().id();
        Instant created = clock.instant();
        Role role = roles(org).create(new NewRole("viewer", "Viewer", "reads"));
        clock.advance(Duration.ofHours(5));
        Instant later = clock.instant();
        User admin = data.member(org);

        Role updated = db.inTenant(org, Actor.user(admin.id()),
                tx -> tx.roles().update(role.withCode("reader").withName("Reader").withDescription("reads all")));

        assertThat(updated).isEqualTo(new Role(org, role.id(), "reader", "Reader", "reads all", 1, created, later));
        assertThat(roles(org).find(role.id())).contains(updated);
        assertThat(roles(org).findByCode("reader")).contains(updated);
        assertThat(roles(org).findByCode("viewer")).isEmpty();
    }

    @Test
    void updateKeepingTheRolesOwnCodeSucceeds() {
        OrgId org = data.org().id();
        Role role = roles(org).create(new NewRole("viewer", "Viewer"));

        Role updated = roles(org).update(role.withName("Read-only viewer"));

        assertThat(updated.code()).isEqualTo("viewer");
        assertThat(updated.name()).isEqualTo("Read-only viewer");
        assertThat(updated.version()).isEqualTo(1);
    }

    @Test
    void updateToAnotherRolesCodeThrowsAlreadyExistsOnCode() {
        OrgId org = data.org().id();
        roles(org).create(new NewRole("admin", "Admin"));
        Role viewer = roles(org).create(new NewRole("viewer", "Viewer"));

        assertAlreadyExists(() -> roles(org).update(viewer.withCode("admin")), "role", "code", "admin");
        assertThat(roles(org).find(viewer.id())).contains(viewer);
    }

    @Test
    void updateToACodeThatOnlyAnotherOrganizationUsesSucceeds() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        roles(a).create(new NewRole("admin", "Admin"));
        Role inB = roles(b).create(new NewRole("viewer", "Viewer"));

        Role updated = roles(b).update(inB.withCode("admin"));

        assertThat(updated.code()).isEqualTo("admin");
        assertThat(roles(b).findByCode("admin")).contains(updated);
    }

    @Test
    void updateWithAStaleVersionThrowsStaleVersionAndKeepsTheStoredRole() {
        OrgId org = data.org().id();
        Role read = roles(org).create(new NewRole("viewer", "Viewer"));
        Role first = roles(org).update(read.withName("First"));

        assertStale(() -> roles(org).update(read.withName("Second")), "role", read.id(), 0);
        assertThat(roles(org).find(read.id())).contains(first);
    }

    @Test
    void updateOfARoleReadInAnotherOrganizationThrowsTenantMismatch() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Role inA = roles(a).create(new NewRole("viewer", "Viewer"));

        assertTenantMismatch(() -> roles(b).update(inA.withName("Hijacked")), b, a);
        assertThat(roles(a).find(inA.id())).contains(inA);
        assertThat(roles(b).list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void updateOfADeletedRoleThrowsNotFoundOnRole() {
        OrgId org = data.org().id();
        Role role = roles(org).create(new NewRole("viewer", "Viewer"));
        roles(org).delete(role.id());

        assertNotFound(() -> roles(org).update(role.withName("Back")), "role", role.id());
        assertThat(roles(org).findByCode("viewer")).isEmpty();
    }

    // ---- delete -------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheRoleWithItsGrantsViewGrantsAndAssignments() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read", "write");
        View view = data.view();
        User user = data.member(org);
        Team team = data.team(org);
        Role doomed = data.role(org, Grant.allow(feature, "read"));
        Role kept = data.role(org, Grant.deny(feature, "write"));
        var tenant = db.tenant(org);
        tenant.grants().grantView(doomed.id(), ViewAccess.allow(view.id()));
        tenant.grants().grantView(kept.id(), ViewAccess.allow(view.id()));
        tenant.assignments().assign(doomed.id(), user.id());
        tenant.assignments().assign(doomed.id(), team.id());
        tenant.assignments().assign(kept.id(), user.id());

        db.inTenant(org, Actor.user(user.id()), tx -> {
            tx.roles().delete(doomed.id());
            return null;
        });

        assertThat(roles(org).find(doomed.id())).isEmpty();
        assertNotFound(() -> tenant.grants().list(doomed.id()), "role", doomed.id());
        assertNotFound(() -> tenant.grants().listViews(doomed.id()), "role", doomed.id());
        assertNotFound(() -> tenant.assignments().listForRole(doomed.id(), PageRequest.first()), "role", doomed.id());
        assertThat(tenant.assignments().listFor(Principal.user(user.id())))
                .extracting(Assignment::roleId).containsExactly(kept.id());
        assertThat(tenant.assignments().listFor(Principal.team(team.id()))).isEmpty();
        assertThat(tenant.grants().list(kept.id())).extracting(FeatureGrant::toGrant)
                .containsExactly(Grant.deny(feature, "write"));
        assertThat(tenant.grants().listViews(kept.id())).hasSize(1);
    }

    @Test
    void aDeletedRolesCodeCanBeUsedAgainByANewRoleWithNothingGranted() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read");
        User user = data.member(org);
        Role old = roles(org).create(new NewRole("auditor", "Auditor"));
        db.tenant(org).grants().grant(old.id(), Grant.allow(feature, "read"));
        db.tenant(org).assignments().assign(old.id(), user.id());
        roles(org).delete(old.id());

        Role fresh = roles(org).create(new NewRole("auditor", "Auditor again"));

        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(db.tenant(org).grants().list(fresh.id())).isEmpty();
        assertThat(db.tenant(org).assignments().listForRole(fresh.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void deleteOfAnUnknownRoleOrAnotherOrganizationsRoleThrowsNotFoundOnRole() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        Feature feature = data.feature("read");
        Role inA = data.role(a, Grant.allow(feature, "read"));
        RoleId unknown = RoleId.of(UUID.randomUUID());

        assertNotFound(() -> roles(a).delete(unknown), "role", unknown);
        assertNotFound(() -> roles(b).delete(inA.id()), "role", inA.id());
        assertThat(roles(a).find(inA.id())).contains(inA);
        assertThat(db.tenant(a).grants().list(inA.id())).hasSize(1);
    }

    @Test
    void aDeleteThatIsRolledBackLeavesTheRoleItsGrantsAndAssignments() {
        OrgId org = data.org().id();
        Feature feature = data.feature("read");
        User user = data.member(org);
        Role role = data.role(org, Grant.allow(feature, "read"));
        db.tenant(org).assignments().assign(role.id(), user.id());

        assertThatThrownBy(() -> db.inTenant(org, Actor.user(user.id()), tx -> {
            tx.roles().delete(role.id());
            assertThat(tx.roles().find(role.id())).isEmpty();
            throw new TenantFixtures.Abort();
        })).isInstanceOf(TenantFixtures.Abort.class);

        assertThat(roles(org).find(role.id())).contains(role);
        assertThat(db.tenant(org).grants().list(role.id())).extracting(FeatureGrant::toGrant)
                .containsExactly(Grant.allow(feature, "read"));
        assertThat(db.tenant(org).assignments().listFor(Principal.user(user.id())))
                .extracting(Assignment::roleId).containsExactly(role.id());
    }
}
