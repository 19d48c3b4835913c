package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.repeat;
import static dev.iamkit.testkit.ValidationFixtures.acmeOf;
import static dev.iamkit.testkit.ValidationFixtures.anaOf;
import static dev.iamkit.testkit.ValidationFixtures.assertRejected;
import static dev.iamkit.testkit.ValidationFixtures.billingOf;
import static dev.iamkit.testkit.ValidationFixtures.dashboardOf;
import static dev.iamkit.testkit.ValidationFixtures.invoicesOf;
import static dev.iamkit.testkit.ValidationFixtures.newOrg;
import static dev.iamkit.testkit.ValidationFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.TenantScope;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.testkit.ValidationFixtures.Seeded;
import dev.iamkit.testkit.ValidationFixtures.StoreCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input validation of records: every input field of organizations, users, the catalog (modules,
 * features, views), grants and view accesses, with the limits and shapes of {@code Validate};
 * inputs exactly at their limits are accepted; and the checks only a store can make (an action the
 * feature does not have, a feature action or view twice in one replace, an assignment that expires
 * now or earlier). Each rejection is a {@link ValidationException} naming the exact field, and a
 * rejected call writes nothing. Most of these checks fire in record constructors, before a store
 * is reached; they are pinned here all the same because they are part of what every store's users
 * can rely on. Settings and page requests are pinned by {@link SettingsAndPagingValidationContract}.
 */
public abstract class ValidationContract extends ContractBase {

    private Organization acme;
    private User ana;
    private Feature invoices;
    private View dashboard;
    private Role clerk;

    @BeforeEach
    void seed() {
        Seeded seeded = ValidationFixtures.seed(db, data);
        acme = seeded.acme();
        ana = seeded.ana();
        invoices = seeded.invoices();
        dashboard = seeded.dashboard();
        clerk = seeded.clerk();
    }

    // ---- organizations ---------------------------------------------------------------------

    static Stream<Arguments> organizationInputs() {
        return Stream.of(
                rejects("slug null", "slug", db -> db.organizations().create(newOrg(null, "Beta"))),
                rejects("slug blank", "slug", db -> db.organizations().create(newOrg("   ", "Beta"))),
                rejects("slug of one character", "slug", db -> db.organizations().create(newOrg("b", "Beta"))),
                rejects("slug of 64 characters", "slug", db -> db.organizations().create(newOrg(repeat('b', 64), "Beta"))),
                rejects("slug with upper case", "slug", db -> db.organizations().create(newOrg("Beta", "Beta"))),
                rejects("slug starting with '-'", "slug", db -> db.organizations().create(newOrg("-beta", "Beta"))),
                rejects("slug ending with '-'", "slug", db -> db.organizations().create(newOrg("beta-", "Beta"))),
                rejects("slug with a space", "slug", db -> db.organizations().create(newOrg("be ta", "Beta"))),
                rejects("slug with '_'", "slug", db -> db.organizations().create(newOrg("be_ta", "Beta"))),
                rejects("name null", "name", db -> db.organizations().create(newOrg("beta", null))),
                rejects("name blank", "name", db -> db.organizations().create(newOrg("beta", " \t "))),
                rejects("name of 201 characters", "name", db -> db.organizations().create(newOrg("beta", repeat('n', 201)))),
                rejects("name with NUL", "name", db -> db.organizations().create(newOrg("beta", "Be\u0000ta"))),
                rejects("name with a line break", "name", db -> db.organizations().create(newOrg("beta", "Be\nta"))),
                rejects("parentId null", "parentId", db -> db.organizations().create(new NewOrganization("beta", "Beta", null, Map.of()))),
                rejects("withParent(null)", "parentId", db -> db.organizations().create(newOrg("beta", "Beta").withParent(null))),
                rejects("settings null", "settings", db -> db.organizations().create(new NewOrganization("beta", "Beta", Optional.empty(), null))),
                rejects("update: blank name", "name", db -> db.organizations().update(acmeOf(db).withName(""))),
                rejects("update: malformed slug", "slug", db -> db.organizations().update(acmeOf(db).withSlug("Not A Slug"))),
                rejects("update: null parent", "parentId", db -> db.organizations().update(acmeOf(db).withParent(null))),
                rejects("update: null status", "status", db -> db.organizations().update(acmeOf(db).withStatus(null))),
                rejects("update: null settings", "settings", db -> db.organizations().update(acmeOf(db).withSettings(null))),
                rejects("update: itself as parent", "parentId",
                        db -> db.organizations().update(acmeOf(db).withParent(Optional.of(acmeOf(db).id())))),
                rejects("findBySlug: malformed slug", "slug", db -> db.organizations().findBySlug("Not A Slug")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("organizationInputs")
    void badOrganizationInputIsRejectedNamingTheFieldAndWritesNothing(StoreCall call, String field) {
        assertRejected(db, call, field);
    }

    // ---- users -----------------------------------------------------------------------------

    static Stream<Arguments> userInputs() {
        String local65 = repeat('l', 65);
        String email255 = repeat('l', 64) + "@" + repeat('b', 63) + "." + repeat('c', 63) + "." + repeat('d', 62);
        return Stream.of(
                rejects("email null", "email", db -> db.users().create(new NewUser(null, "Ben"))),
                rejects("email blank", "email", db -> db.users().create(new NewUser("  ", "Ben"))),
                rejects("email without '@'", "email", db -> db.users().create(new NewUser("ben.example.com", "Ben"))),
                rejects("email without local part", "email", db -> db.users().create(new NewUser("@example.com", "Ben"))),
                rejects("email without domain", "email", db -> db.users().create(new NewUser("ben@", "Ben"))),
                rejects("email with two '@'", "email", db -> db.users().create(new NewUser("ben@work@example.com", "Ben"))),
                rejects("email with a space", "email", db -> db.users().create(new NewUser("ben smith@example.com", "Ben"))),
                rejects("email with a dotless domain", "email", db -> db.users().create(new NewUser("ben@localhost", "Ben"))),
                rejects("email with '_' in the domain", "email", db -> db.users().create(new NewUser("ben@exa_mple.com", "Ben"))),
                rejects("email with '..' in the local part", "email", db -> db.users().create(new NewUser("ben..smith@example.com", "Ben"))),
                rejects("email with a control character", "email", db -> db.users().create(new NewUser("ben\u0001@example.com", "Ben"))),
                rejects("email with a 65-character local part", "email", db -> db.users().create(new NewUser(local65 + "@example.com", "Ben"))),
                rejects("email of 255 characters", "email", db -> db.users().create(new NewUser(email255, "Ben"))),
                rejects("displayName null", "displayName", db -> db.users().create(new NewUser("ben@example.com", null))),
                rejects("displayName blank", "displayName", db -> db.users().create(new NewUser("ben@example.com", " "))),
                rejects("displayName of 201 characters", "displayName", db -> db.users().create(new NewUser("ben@example.com", repeat('x', 201)))),
                rejects("displayName with a tab inside", "displayName", db -> db.users().create(new NewUser("ben@example.com", "Ben\tSmith"))),
                rejects("status null", "status", db -> db.users().create(new NewUser("ben@example.com", "Ben", null))),
                rejects("update: malformed email", "email", db -> db.users().update(anaOf(db).withEmail("ana-at-example.com"))),
                rejects("update: blank displayName", "displayName", db -> db.users().update(anaOf(db).withDisplayName(""))),
                rejects("update: null status", "status", db -> db.users().update(anaOf(db).withStatus(null))),
                rejects("update: null emailVerifiedAt", "emailVerifiedAt", db -> db.users().update(anaOf(db).withEmailVerifiedAt(null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userInputs")
    void badUserInputIsRejectedNamingTheFieldAndWritesNothing(StoreCall call, String field) {
        assertRejected(db, call, field);
    }

    // ---- catalog ---------------------------------------------------------------------------

    static Stream<Arguments> catalogInputs() {
        List<String> tooManyActions = IntStream.range(0, 65).mapToObj(i -> "a" + i).toList();
        return Stream.of(
                rejects("module code null", "code", db -> db.catalog().modules().create(new NewModule(null, "Crm"))),
                rejects("module code of one character", "code", db -> db.catalog().modules().create(new NewModule("c", "Crm"))),
                rejects("module code of 65 characters", "code", db -> db.catalog().modules().create(new NewModule(repeat('c', 65), "Crm"))),
                rejects("module code starting with a digit", "code", db -> db.catalog().modules().create(new NewModule("1crm", "Crm"))),
                rejects("module code with upper case", "code", db -> db.catalog().modules().create(new NewModule("Crm", "Crm"))),
                rejects("module code with '/'", "code", db -> db.catalog().modules().create(new NewModule("crm/pro", "Crm"))),
                rejects("module name blank", "name", db -> db.catalog().modules().create(new NewModule("crm", ""))),
                rejects("module description of 2001 characters", "description",
                        db -> db.catalog().modules().create(new NewModule("crm", "Crm", repeat('d', 2001), true, 0))),
                rejects("module description with a control character", "description",
                        db -> db.catalog().modules().create(new NewModule("crm", "Crm", "bell\u0007", true, 0))),
                rejects("module priority above 1000000", "priority", db -> db.catalog().modules().create(new NewModule("crm", "Crm", "", true, 1_000_001))),
                rejects("module priority below -1000000", "priority", db -> db.catalog().modules().create(new NewModule("crm", "Crm", "", true, -1_000_001))),
                rejects("module update: blank name", "name", db -> db.catalog().modules().update(billingOf(db).withName(" "))),
                rejects("module update: priority out of range", "priority", db -> db.catalog().modules().update(billingOf(db).withPriority(2_000_000))),
                rejects("feature code of one character", "code", db -> db.catalog().features().create(new NewFeature("f", "F", List.of("read")))),
                rejects("feature name of 201 characters", "name", db -> db.catalog().features().create(new NewFeature("reports", repeat('n', 201), List.of("read")))),
                rejects("feature actions null", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", null))),
                rejects("feature actions empty", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", List.of()))),
                rejects("feature with 65 actions", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", tooManyActions))),
                rejects("feature action with upper case", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", List.of("Read")))),
                rejects("feature action starting with a digit", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", List.of("1read")))),
                rejects("feature action with a space", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", List.of("read all")))),
                rejects("feature action of 41 characters", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", List.of(repeat('r', 41))))),
                rejects("feature action null", "actions", db -> db.catalog().features().create(new NewFeature("reports", "Reports", Arrays.asList("read", null)))),
                rejects("feature update: no actions", "actions", db -> db.catalog().features().update(invoicesOf(db).withActions(List.of()))),
                rejects("feature update: blank name", "name", db -> db.catalog().features().update(invoicesOf(db).withName(""))),
                rejects("view code with upper case", "code", db -> db.catalog().views().create(new NewView("Reports", "Reports", "/reports"))),
                rejects("view name null", "name", db -> db.catalog().views().create(new NewView("reports", null, "/reports"))),
                rejects("view path null", "path", db -> db.catalog().views().create(new NewView("reports", "Reports", null))),
                rejects("view path empty", "path", db -> db.catalog().views().create(new NewView("reports", "Reports", ""))),
                rejects("view path without leading '/'", "path", db -> db.catalog().views().create(new NewView("reports", "Reports", "reports"))),
                rejects("view path with a space", "path", db -> db.catalog().views().create(new NewView("reports", "Reports", "/my reports"))),
                rejects("view path with a tab", "path", db -> db.catalog().views().create(new NewView("reports", "Reports", "/my\treports"))),
                rejects("view path of 256 characters", "path", db -> db.catalog().views().create(new NewView("reports", "Reports", "/" + repeat('p', 255)))),
                rejects("view icon null", "icon", db -> db.catalog().views().create(new NewView("reports", "Reports", "/reports", true, null, 0))),
                rejects("view icon blank", "icon", db -> db.catalog().views().create(new NewView("reports", "Reports", "/reports", true, Optional.of("  "), 0))),
                rejects("view icon of 101 characters", "icon",
                        db -> db.catalog().views().create(new NewView("reports", "Reports", "/reports", true, Optional.of(repeat('i', 101)), 0))),
                rejects("view ordering above 1000000", "ordering",
                        db -> db.catalog().views().create(new NewView("reports", "Reports", "/reports", true, Optional.empty(), 1_000_001))),
                rejects("view update: path without '/'", "path", db -> db.catalog().views().update(dashboardOf(db).withPath("dashboard"))),
                rejects("view update: null icon", "icon", db -> db.catalog().views().update(dashboardOf(db).withIcon(null))),
                rejects("view update: ordering below -1000000", "ordering", db -> db.catalog().views().update(dashboardOf(db).withOrdering(-1_000_001))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogInputs")
    void badCatalogInputIsRejectedNamingTheFieldAndWritesNothing(StoreCall call, String field) {
        assertRejected(db, call, field);
    }

    // ---- limits are inclusive --------------------------------------------------------------

    @Test
    void inputsAtTheirLimitsAreAcceptedAndStoredUnchanged() {
        String slug63 = "b" + repeat('9', 61) + "b";
        String name200 = repeat('N', 200);
        String email254 = repeat('l', 64) + "@" + repeat('b', 63) + "." + repeat('c', 63) + "." + repeat('d', 61);
        String code64 = "c" + repeat('_', 62) + "z";
        String description2000 = repeat('d', 2000);
        String action40 = "a" + repeat('.', 38) + "z";
        String path255 = "/" + repeat('p', 254);
        String icon100 = repeat('i', 100);
        List<String> actions64 = IntStream.range(0, 64).mapToObj(i -> "action-" + i).toList();

        Organization org = db.organizations().create(new NewOrganization(slug63, name200));
        User user = db.users().create(new NewUser(email254, name200));
        Module module = db.catalog().modules().create(new NewModule(code64, name200, description2000, true, 1_000_000));
        Module low = db.catalog().modules().create(new NewModule("low", "Low", "", true, -1_000_000));
        Feature feature = db.catalog().features().create(new NewFeature(code64, name200, description2000, new TreeSet<>(List.of(action40))));
        Feature wide = db.catalog().features().create(new NewFeature("wide", "Wide", actions64));
        View view = db.catalog().views().create(new NewView(code64, name200, path255, false, Optional.of(icon100), -1_000_000));
        View last = db.catalog().views().create(new NewView("last", "Last", "/last", true, Optional.empty(), 1_000_000));

        assertThat(db.organizations().find(org.id()).orElseThrow()).extracting(Organization::slug, Organization::name)
                .containsExactly(slug63, name200);
        assertThat(db.organizations().findBySlug(slug63)).contains(org);
        assertThat(db.users().findByEmail(email254)).contains(user);
        assertThat(user.email()).isEqualTo(email254);
        assertThat(db.catalog().modules().find(module.id()))
                .contains(new Module(module.id(), code64, name200, description2000, true, 1_000_000));
        assertThat(db.catalog().modules().find(low.id()).orElseThrow().priority()).isEqualTo(-1_000_000);
        assertThat(db.catalog().features().find(feature.id()).orElseThrow().actions()).containsExactly(action40);
        assertThat(db.catalog().features().find(wide.id()).orElseThrow().actions()).hasSize(64);
        assertThat(db.catalog().views().find(view.id()))
                .contains(new View(view.id(), code64, name200, path255, false, Optional.of(icon100), -1_000_000));
        assertThat(db.catalog().views().find(last.id()).orElseThrow().ordering()).isEqualTo(1_000_000);
        FeatureGrant grant = db.tenant(acme.id()).grants().grant(clerk.id(), Grant.allow(feature, action40));
        assertThat(grant.action()).isEqualTo(action40);
    }

    // ---- checks only a store can make ------------------------------------------------------

    @Test
    void grantOfAnActionTheFeatureDoesNotHaveIsRejectedOnActionAndWritesNothing() {
        TenantScope tenant = db.tenant(acme.id());
        FeatureGrant existing = tenant.grants().grant(clerk.id(), Grant.allow(invoices, "read"));
        List<AuditEvent> auditBefore = tenant.audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        assertThatThrownBy(() -> tenant.grants().grant(clerk.id(), Grant.allow(invoices, "approve")))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("action"));
        assertThatThrownBy(() -> tenant.grants().grant(clerk.id(), Grant.deny(invoices, "read-all")))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("action"));

        assertThat(tenant.grants().list(clerk.id())).containsExactly(existing);
        assertThat(tenant.audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEqualTo(auditBefore);
    }

    @Test
    void replaceWithOneUnsupportedActionIsRejectedOnActionAndKeepsTheOldGrants() {
        TenantScope tenant = db.tenant(acme.id());
        List<FeatureGrant> old = tenant.grants().replace(clerk.id(), List.of(Grant.allow(invoices, "read")));

        assertThatThrownBy(() -> tenant.grants().replace(clerk.id(),
                List.of(Grant.allow(invoices, "write"), Grant.deny(invoices, "read"), Grant.allow(invoices, "export"))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("action"));

        assertThat(tenant.grants().list(clerk.id())).isEqualTo(old);
    }

    @Test
    void replaceWithTheSameFeatureActionTwiceIsRejectedOnGrantsAndKeepsTheOldGrants() {
        TenantScope tenant = db.tenant(acme.id());
        List<FeatureGrant> old = tenant.grants().replace(clerk.id(), List.of(Grant.allow(invoices, "write")));

        assertThatThrownBy(() -> tenant.grants().replace(clerk.id(),
                List.of(Grant.allow(invoices, "read"), new Grant(invoices.id(), "read", Effect.DENY))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("grants"));

        assertThat(tenant.grants().list(clerk.id())).isEqualTo(old);
    }

    @Test
    void replaceViewsWithTheSameViewTwiceIsRejectedOnViewsAndKeepsTheOldViewGrants() {
        TenantScope tenant = db.tenant(acme.id());
        View reports = db.catalog().views().create(new NewView("reports", "Reports", "/reports"));
        List<ViewGrant> old = tenant.grants().replaceViews(clerk.id(), List.of(ViewAccess.allow(reports.id())));

        assertThatThrownBy(() -> tenant.grants().replaceViews(clerk.id(),
                List.of(ViewAccess.allow(dashboard.id()), ViewAccess.deny(dashboard.id()))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("views"));

        assertThat(tenant.grants().listViews(clerk.id())).isEqualTo(old);
    }

    static Stream<Arguments> grantInputs() {
        return Stream.of(
                rejects("grant featureId null", "featureId", db -> new Grant(null, "read", Effect.ALLOW)),
                rejects("grant action null", "action", db -> Grant.allow(invoicesOf(db), null)),
                rejects("grant action blank", "action", db -> Grant.allow(invoicesOf(db), " ")),
                rejects("grant action with upper case", "action", db -> Grant.allow(invoicesOf(db), "Read")),
                rejects("grant action of 41 characters", "action", db -> Grant.allow(invoicesOf(db), repeat('r', 41))),
                rejects("grant effect null", "effect", db -> new Grant(invoicesOf(db).id(), "read", null)),
                rejects("view access viewId null", "viewId", db -> new ViewAccess(null, Effect.ALLOW)),
                rejects("view access effect null", "effect", db -> new ViewAccess(dashboardOf(db).id(), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grantInputs")
    void badGrantInputIsRejectedNamingTheField(StoreCall call, String field) {
        assertRejected(db, call, field);
    }

    @Test
    void anAssignmentThatExpiresNowOrEarlierIsRejectedOnExpiresAt() {
        TenantScope tenant = db.tenant(acme.id());
        tenant.memberships().add(ana.id(), OrgRole.MEMBER);
        List<AuditEvent> auditBefore = tenant.audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        for (Instant expiry : List.of(clock.instant(), clock.instant().minus(Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> tenant.assignments().assign(clerk.id(), Principal.user(ana.id()), Optional.of(expiry)))
                    .asInstanceOf(type(ValidationException.class))
                    .satisfies(e -> assertThat(e.field()).isEqualTo("expiresAt"));
        }

        assertThat(tenant.assignments().listFor(Principal.user(ana.id()))).isEmpty();
        assertThat(tenant.audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEqualTo(auditBefore);
        assertThat(tenant.assignments().assign(clerk.id(), Principal.user(ana.id()),
                Optional.of(clock.instant().plus(Duration.ofSeconds(1)))).expiresAt()).isPresent();
    }
}
