package dev.iamkit.testkit;

import static dev.iamkit.testkit.CatalogSpecs.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.FeatureGrantSpec;
import dev.iamkit.catalog.FieldChange;
import dev.iamkit.catalog.MenuSpec;
import dev.iamkit.catalog.ModuleSpec;
import dev.iamkit.catalog.PlannedChange;
import dev.iamkit.catalog.PlannedChange.Action;
import dev.iamkit.catalog.RoleTemplate;
import dev.iamkit.catalog.ViewGrantSpec;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Effect;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.model.Uuid7;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Role templates of a catalog file, applied to one organization or all of them through the tenant
 * stores (audited, revisions moved, only when something changes); the file's errors naming their
 * path; and two applies at once.
 */
public abstract class CatalogRoleTemplatesContract extends ContractBase {

    @Test
    void templatesGoToTheNamedOrganizationOnlyAndAreAudited() {
        OrgId acme = data.org().id();
        OrgId other = data.org().id();
        Revision before = db.tenant(acme).revision();

        CatalogPlan plan = db.catalog().apply(base(), ApplyOptions.defaults().forOrg(acme));

        String slug = db.organizations().find(acme).orElseThrow().slug();
        assertThat(plan.changes()).filteredOn(c -> c.kind().equals("role")).extracting(PlannedChange::action, PlannedChange::key)
                .containsExactly(org.assertj.core.api.Assertions.tuple(Action.CREATE, slug + ":clerk"),
                        org.assertj.core.api.Assertions.tuple(Action.CREATE, slug + ":viewer"));
        assertThat(roles(acme)).containsExactly("clerk", "viewer");
        assertThat(roles(other)).isEmpty();
        assertThat(grants(acme, "clerk")).containsExactly("invoices:create=ALLOW", "payments:refund=DENY");
        assertThat(grants(acme, "viewer")).containsExactly("invoices:read=ALLOW", "reports:read=ALLOW");
        Role clerk = db.tenant(acme).roles().findByCode("clerk").orElseThrow();
        assertThat(db.tenant(acme).roles().includes(clerk.id())).extracting(Role::code).containsExactly("viewer");
        Role viewer = db.tenant(acme).roles().findByCode("viewer").orElseThrow();
        assertThat(db.tenant(acme).grants().listViews(viewer.id())).extracting(g -> g.effect()).containsExactly(Effect.ALLOW);
        assertThat(audit(acme)).isPositive();
        assertThat(audit(other)).isZero();
        assertThat(db.tenant(acme).revision().value()).isGreaterThan(before.value());
    }

    @Test
    void reapplyingTemplatesWritesNoAuditEventAndMovesNoRevision() {
        OrgId acme = data.org().id();
        db.catalog().apply(base(), ApplyOptions.defaults().forAllOrgs());
        int events = audit(acme);
        Revision revision = db.tenant(acme).revision();
        GlobalRevision global = db.globalRevision();

        assertThat(db.catalog().plan(base(), ApplyOptions.defaults().forAllOrgs()).isEmpty()).isTrue();
        assertThat(db.catalog().apply(base(), ApplyOptions.defaults().forAllOrgs()).changes()).isEmpty();

        assertThat(audit(acme)).isEqualTo(events);
        assertThat(db.tenant(acme).revision()).isEqualTo(revision);
        assertThat(db.globalRevision()).isEqualTo(global);
    }

    @Test
    void changedTemplatesReplaceGrantsInEveryOrganizationAndLeaveOtherRolesAlone() {
        OrgId a = data.org().id();
        OrgId b = data.org().id();
        db.catalog().apply(base(), ApplyOptions.defaults().forAllOrgs());
        Role own = db.tenant(b).roles().create(new NewRole("own-role", "Own"));
        CatalogSpec changed = CatalogSpecs.withRoles(base(), List.of(
                new RoleTemplate("viewer", "Reader", "reads", List.of(new FeatureGrantSpec("invoices", "read", Effect.ALLOW)),
                        List.of(new ViewGrantSpec("invoice-list", Effect.DENY)), List.of()),
                new RoleTemplate("clerk", "Clerk", "", List.of(new FeatureGrantSpec("invoices", "create", Effect.ALLOW)), List.of(), List.of())));
        int eventsOfA = audit(a);

        CatalogPlan plan = db.catalog().apply(changed, ApplyOptions.defaults().forAllOrgs().withPrune(true));

        String slugA = db.organizations().find(a).orElseThrow().slug();
        assertThat(CatalogApplyContract.fields(plan, "role", slugA + ":viewer")).containsExactly(
                new FieldChange("name", "\"Viewer\"", "\"Reader\""), new FieldChange("description", "\"\"", "\"reads\""),
                new FieldChange("grants", "[invoices:read=ALLOW, reports:read=ALLOW]", "[invoices:read=ALLOW]"),
                new FieldChange("views", "[invoice-list=ALLOW]", "[invoice-list=DENY]"));
        assertThat(CatalogApplyContract.fields(plan, "role", slugA + ":clerk")).containsExactly(
                new FieldChange("grants", "[invoices:create=ALLOW, payments:refund=DENY]", "[invoices:create=ALLOW]"),
                new FieldChange("includes", "[viewer]", "[]"));
        for (OrgId org : List.of(a, b)) {
            assertThat(grants(org, "viewer")).containsExactly("invoices:read=ALLOW");
            assertThat(grants(org, "clerk")).containsExactly("invoices:create=ALLOW");
            Role clerk = db.tenant(org).roles().findByCode("clerk").orElseThrow();
            assertThat(db.tenant(org).roles().includes(clerk.id())).isEmpty();
            assertThat(db.tenant(org).roles().findByCode("viewer").orElseThrow().name()).isEqualTo("Reader");
        }
        assertThat(db.tenant(b).roles().find(own.id())).isPresent();
        assertThat(audit(a)).isGreaterThan(eventsOfA);
    }

    @Test
    void anUnknownOrganizationIsNotFoundBeforeAnythingIsWritten() {
        OrgId nobody = new OrgId(Uuid7.next(clock));
        assertThatThrownBy(() -> db.catalog().apply(base(), ApplyOptions.defaults().forOrg(nobody))).isInstanceOf(NotFoundException.class);
        assertThat(db.catalog().modules().list()).isEmpty();
        assertThatThrownBy(() -> db.catalog().plan(base(), ApplyOptions.defaults().forOrg(nobody))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyErrorOfAFileNamesItsPath() {
        CatalogSpec ok = base();
        assertPath("modules[1].features[0]", () -> CatalogSpecs.withModules(ok, ms -> CatalogSpecs.set(ms, 1,
                new ModuleSpec("reports", "Reports", "", true, 0, List.of("nope"), List.of()))));
        // a record made in Java names its own field; the file reader puts the record's path in front
        assertPath("views[1]", () -> CatalogSpecs.withModules(ok, ms -> CatalogSpecs.set(ms, 0,
                new ModuleSpec("billing", "Billing", "", true, 0, List.of(), List.of("invoice-list", "invoice-list")))));
        assertPath("features[1]", () -> CatalogSpecs.withFeatures(ok, fs -> CatalogSpecs.set(fs, 1, fs.get(0))));
        assertPath("menu[0].children[0].view", () -> CatalogSpecs.withMenu(ok, List.of(new MenuSpec("A", Optional.empty(), 0,
                List.of(new MenuSpec("B", Optional.of("nope"), 0, List.of()))))));
        assertPath("roles[0].grants[0].action", () -> CatalogSpecs.withRoles(ok, List.of(new RoleTemplate("r1", "R",
                "", List.of(new FeatureGrantSpec("invoices", "delete", Effect.ALLOW)), List.of(), List.of()))));
        assertPath("roles[1].includes[0]", () -> CatalogSpecs.withRoles(ok, List.of(ok.roles().get(0), new RoleTemplate("r1", "R",
                "", List.of(), List.of(), List.of("nope")))));
        OrgId acme = data.org().id();
        assertPath("org", () -> new ApplyOptions(false, Optional.of(acme), true, dev.iamkit.model.Actor.system()));
        assertThat(db.catalog().modules().list()).isEmpty();
    }

    @Test
    void twoAppliesAtOnceCreateEachEntryAndRoleOnce() throws Exception {
        data.org();
        data.org();
        ApplyOptions all = ApplyOptions.defaults().forAllOrgs();
        long expected = db.catalog().plan(base(), all).count(Action.CREATE);   // 12 catalog entries, 2 roles in each of 2 organizations
        Callable<CatalogPlan> apply = () -> db.catalog().apply(base(), all);

        List<Races.Outcome<CatalogPlan>> outcomes = Races.race(apply, 2);

        assertThat(expected).isEqualTo(16);
        assertThat(outcomes).allMatch(Races.Outcome::won);
        assertThat(outcomes.stream().mapToLong(o -> o.value().count(Action.CREATE)).sum()).isEqualTo(expected);
        assertThat(db.catalog().modules().list()).extracting(Module::code).containsExactly("billing", "reports");
        assertThat(db.catalog().plan(base(), all).isEmpty()).isTrue();
        db.organizations().list(PageRequest.first()).items().forEach(o -> assertThat(roles(o.id())).containsExactly("clerk", "viewer"));
    }

    private static void assertPath(String field, Runnable build) {
        assertThatThrownBy(build::run).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
    }

    private List<String> roles(OrgId org) {
        return db.tenant(org).roles().list(PageRequest.first()).items().stream().map(Role::code).sorted().toList();
    }

    private TreeSet<String> grants(OrgId org, String role) {
        Role r = db.tenant(org).roles().findByCode(role).orElseThrow();
        var codes = db.catalog().features().list().stream().collect(Collectors.toMap(f -> f.id(), f -> f.code()));
        return db.tenant(org).grants().list(r.id()).stream().map((FeatureGrant g) -> codes.get(g.featureId()) + ":" + g.action() + "=" + g.effect())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private int audit(OrgId org) {
        return db.tenant(org).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items().size();
    }
}
