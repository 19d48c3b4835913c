package dev.iamkit.testkit;

import static dev.iamkit.testkit.CatalogSpecs.base;
import static dev.iamkit.testkit.CatalogSpecs.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.FeatureSpec;
import dev.iamkit.catalog.FieldChange;
import dev.iamkit.catalog.MenuSpec;
import dev.iamkit.catalog.ModuleSpec;
import dev.iamkit.catalog.PlannedChange;
import dev.iamkit.catalog.PlannedChange.Action;
import dev.iamkit.catalog.ViewSpec;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewView;
import dev.iamkit.model.View;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code db.catalog().plan/apply}: a declarative catalog file made true in the store. The
 * catalog, its links and the menu change in one transaction; applying the same file twice
 * changes nothing; removal only with pruning. Role templates: {@link CatalogRoleTemplatesContract}.
 */
public abstract class CatalogApplyContract extends ContractBase {
    private static final ApplyOptions CATALOG = ApplyOptions.defaults();
    private static final ApplyOptions PRUNE = ApplyOptions.defaults().withPrune(true);

    @Test
    void applyingToAnEmptyStoreCreatesEveryEntryLinkAndMenuItem() {
        CatalogPlan plan = db.catalog().apply(base(), CATALOG);

        assertThat(plan.count(Action.CREATE)).isEqualTo(2 + 3 + 3 + 4);
        assertThat(plan.count(Action.UPDATE) + plan.count(Action.DELETE) + plan.count(Action.KEEP)).isZero();
        assertThat(db.catalog().modules().list()).extracting(Module::code, Module::priority)
                .containsExactly(tuple("billing", 10), tuple("reports", 20));
        Feature invoices = db.catalog().features().findByCode("invoices").orElseThrow();
        assertThat(invoices.actions()).containsExactly("approve", "create", "read");
        Module billing = db.catalog().modules().findByCode("billing").orElseThrow();
        assertThat(db.catalog().featuresOf(billing.id())).extracting(Feature::code).containsExactly("invoices", "payments");
        assertThat(db.catalog().viewsOf(billing.id())).extracting(View::code).containsExactly("invoice-list", "payment-list");
        assertThat(db.catalog().viewsOfFeature(invoices.id())).extracting(View::code).containsExactly("invoice-list");
        assertThat(db.catalog().views().findByCode("invoice-list").orElseThrow().icon()).contains("receipt");
        assertThat(menu()).containsExactly("Billing <- - @0", "Billing/Invoices <- invoice-list @0", "Billing/Payments <- payment-list @1",
                "Reports <- report-list @1");
        assertThat(plan.render()).contains("+ module billing\n    name: \"Billing\"\n").contains("    features: [invoices, payments]\n")
                .contains("+ menu Billing / Invoices\n").endsWith("plan: 12 to create, 0 to change, 0 to remove, 0 kept\n");
    }

    @Test
    void applyingTheSameFileAgainChangesNothingAndMovesNoRevision() {
        db.catalog().apply(base(), CATALOG);
        GlobalRevision before = db.globalRevision();
        Optional<GlobalRevision> lastWrite = db.lastGlobalWriteRevision();

        assertThat(db.catalog().plan(base(), CATALOG).isEmpty()).isTrue();
        CatalogPlan again = db.catalog().apply(base(), CATALOG);

        assertThat(again.changes()).isEmpty();
        assertThat(again.render()).isEqualTo("plan: 0 to create, 0 to change, 0 to remove, 0 kept\n");
        assertThat(db.globalRevision()).isEqualTo(before);
        assertThat(db.lastGlobalWriteRevision()).isEqualTo(lastWrite);
    }

    @Test
    void aFirstApplyMovesTheGlobalRevisionOnceForTheWholeFile() {
        GlobalRevision before = db.globalRevision();
        db.catalog().apply(base(), CATALOG);
        assertThat(db.globalRevision().value()).isEqualTo(before.value() + 1);
        assertThat(db.lastGlobalWriteRevision()).contains(db.globalRevision());
    }

    @Test
    void eachChangedFieldIsPlannedOldToNewAndApplied() {
        db.catalog().apply(base(), CATALOG);
        CatalogSpec changed = CatalogSpecs.withModules(base(), ms -> set(ms, 0,
                new ModuleSpec("billing", "Billing+", "Money", false, 11, List.of("invoices", "payments"), List.of("invoice-list", "payment-list"))));
        changed = CatalogSpecs.withFeatures(changed, fs -> set(fs, 0,
                new FeatureSpec("invoices", "Bills", "All bills", CatalogSpecs.actions("read", "create"), List.of("invoice-list"))));
        changed = CatalogSpecs.withViews(changed, vs -> set(vs, 0,
                new ViewSpec("invoice-list", "Bills", "/bills", false, Optional.of("bill"), 12)));
        changed = CatalogSpecs.withMenu(changed, List.of(new MenuSpec("Billing", Optional.empty(), 5, List.of(
                        new MenuSpec("Invoices", Optional.of("payment-list"), 0, List.of()),
                        new MenuSpec("Payments", Optional.of("payment-list"), 1, List.of()))),
                new MenuSpec("Reports", Optional.of("report-list"), 1, List.of())));

        CatalogPlan plan = db.catalog().plan(changed, CATALOG);

        assertThat(fields(plan, "module", "billing")).containsExactly(new FieldChange("name", "\"Billing\"", "\"Billing+\""),
                new FieldChange("description", "\"Invoices and payments\"", "\"Money\""), new FieldChange("enabled", "true", "false"),
                new FieldChange("priority", "10", "11"));
        assertThat(fields(plan, "feature", "invoices")).containsExactly(new FieldChange("name", "\"Invoices\"", "\"Bills\""),
                new FieldChange("description", "\"\"", "\"All bills\""), new FieldChange("actions", "[approve, create, read]", "[create, read]"));
        assertThat(fields(plan, "view", "invoice-list")).containsExactly(new FieldChange("name", "\"Invoices\"", "\"Bills\""),
                new FieldChange("path", "\"/invoices\"", "\"/bills\""), new FieldChange("requiresAuth", "true", "false"),
                new FieldChange("icon", "\"receipt\"", "\"bill\""), new FieldChange("ordering", "10", "12"));
        assertThat(fields(plan, "menu", "Billing")).containsExactly(new FieldChange("position", "0", "5"));
        assertThat(fields(plan, "menu", "Billing / Invoices")).containsExactly(new FieldChange("view", "\"invoice-list\"", "\"payment-list\""));
        assertThat(plan.count(Action.UPDATE)).isEqualTo(5);
        assertThat(plan.count(Action.CREATE) + plan.count(Action.DELETE)).isZero();

        db.catalog().apply(changed, CATALOG);

        assertThat(db.catalog().modules().findByCode("billing").orElseThrow()).extracting(Module::name, Module::description, Module::enabled,
                Module::priority).containsExactly("Billing+", "Money", false, 11);
        assertThat(db.catalog().features().findByCode("invoices").orElseThrow().actions()).containsExactly("create", "read");
        View bills = db.catalog().views().findByCode("invoice-list").orElseThrow();
        assertThat(bills).extracting(View::name, View::path, View::requiresAuth, View::icon, View::ordering)
                .containsExactly("Bills", "/bills", false, Optional.of("bill"), 12);
        assertThat(menu()).containsExactly("Reports <- report-list @1", "Billing <- - @5", "Billing/Invoices <- payment-list @0",
                "Billing/Payments <- payment-list @1");
        assertThat(db.catalog().plan(changed, CATALOG).isEmpty()).isTrue();
    }

    @Test
    void linksBetweenEntriesOfTheFileFollowItAndLinksToOtherEntriesAreKept() {
        db.catalog().apply(base(), CATALOG);
        Module billing = db.catalog().modules().findByCode("billing").orElseThrow();
        Feature extra = db.catalog().features().create(new NewFeature("extra", "Extra", List.of("read")));
        db.catalog().linkFeature(billing.id(), extra.id());
        CatalogSpec fewer = CatalogSpecs.withModules(base(), ms -> set(ms, 0,
                new ModuleSpec("billing", "Billing", "Invoices and payments", true, 10, List.of("invoices", "reports"), List.of("invoice-list"))));

        CatalogPlan plan = db.catalog().apply(fewer, CATALOG);

        assertThat(fields(plan, "module", "billing")).containsExactly(
                new FieldChange("features", "[extra, invoices, payments]", "[extra, invoices, reports]"),
                new FieldChange("views", "[invoice-list, payment-list]", "[invoice-list]"));
        assertThat(db.catalog().featuresOf(billing.id())).extracting(Feature::code).containsExactly("extra", "invoices", "reports");
        assertThat(db.catalog().viewsOf(billing.id())).extracting(View::code).containsExactly("invoice-list");

        db.catalog().apply(fewer, PRUNE);
        assertThat(db.catalog().featuresOf(billing.id())).extracting(Feature::code).containsExactly("invoices", "reports");
        assertThat(db.catalog().features().findByCode("extra")).isEmpty();
    }

    @Test
    void whatTheFileDoesNotNameIsKeptUnlessPruned() {
        db.catalog().apply(base(), CATALOG);
        db.catalog().modules().create(new NewModule("legacy", "Legacy"));
        db.catalog().features().create(new NewFeature("old-feature", "Old", List.of("read")));
        View oldView = db.catalog().views().create(new NewView("old-view", "Old", "/old"));
        MenuItem billing = db.navigation().children(Optional.empty()).get(0);
        db.navigation().create(NewMenuItem.link(oldView.id(), "Old", 9).under(billing.id()));

        CatalogPlan kept = db.catalog().apply(base(), CATALOG);

        assertThat(kept.changes()).extracting(PlannedChange::action, c -> c.kind() + " " + c.key()).containsExactly(
                tuple(Action.KEEP, "module legacy"), tuple(Action.KEEP, "feature old-feature"),
                tuple(Action.KEEP, "view old-view"), tuple(Action.KEEP, "menu Billing / Old"));
        assertThat(kept.render()).contains("= module legacy (kept, not in file)\n");
        assertThat(db.catalog().modules().findByCode("legacy")).isPresent();
        assertThat(menu()).contains("Billing/Old <- old-view @9");

        GlobalRevision before = db.globalRevision();
        CatalogPlan pruned = db.catalog().apply(base(), PRUNE);

        assertThat(pruned.count(Action.DELETE)).isEqualTo(4);
        assertThat(pruned.render()).contains("- feature old-feature\n").contains("- menu Billing / Old\n");
        assertThat(db.catalog().modules().list()).extracting(Module::code).containsExactly("billing", "reports");
        assertThat(db.catalog().features().findByCode("old-feature")).isEmpty();
        assertThat(db.catalog().views().findByCode("old-view")).isEmpty();
        assertThat(menu()).hasSize(4).noneMatch(line -> line.contains("Old"));
        assertThat(db.globalRevision().value()).isEqualTo(before.value() + 1);
        assertThat(db.catalog().apply(base(), PRUNE).changes()).isEmpty();
    }

    @Test
    void aMenuItemIsKnownByItsLabelUnderItsParent() {
        db.catalog().apply(base(), CATALOG);
        CatalogSpec renamed = CatalogSpecs.withMenu(base(), List.of(new MenuSpec("Billing", Optional.empty(), 0, List.of(
                        new MenuSpec("Bills", Optional.of("invoice-list"), 0, List.of(
                                new MenuSpec("Refunds", Optional.of("payment-list"), 0, List.of()))),
                        new MenuSpec("Payments", Optional.of("payment-list"), 1, List.of()))),
                new MenuSpec("Reports", Optional.of("report-list"), 1, List.of())));

        CatalogPlan plan = db.catalog().apply(renamed, CATALOG);

        assertThat(plan.changes()).extracting(PlannedChange::action, PlannedChange::key).containsExactly(
                tuple(Action.CREATE, "Billing / Bills"), tuple(Action.KEEP, "Billing / Invoices"),
                tuple(Action.CREATE, "Billing / Bills / Refunds"));
        // siblings at the same position: the older item first
        assertThat(menu()).containsExactly("Billing <- - @0", "Billing/Invoices <- invoice-list @0", "Billing/Bills <- invoice-list @0",
                "Billing/Bills/Refunds <- payment-list @0", "Billing/Payments <- payment-list @1", "Reports <- report-list @1");
        db.catalog().apply(renamed, PRUNE);
        assertThat(menu()).containsExactly("Billing <- - @0", "Billing/Bills <- invoice-list @0", "Billing/Bills/Refunds <- payment-list @0",
                "Billing/Payments <- payment-list @1", "Reports <- report-list @1");
    }

    @Test
    void aFailureLateInTheApplyLeavesNothingApplied() {
        db.catalog().views().create(new NewView("other", "Other", "/reports"));   // the path the file gives report-list
        GlobalRevision before = db.globalRevision();

        assertThatThrownBy(() -> db.catalog().apply(base(), CATALOG)).isInstanceOf(AlreadyExistsException.class);

        assertThat(db.catalog().modules().list()).isEmpty();
        assertThat(db.catalog().features().list()).isEmpty();
        assertThat(db.catalog().views().list()).extracting(View::code).containsExactly("other");
        assertThat(db.navigation().list()).isEmpty();
        assertThat(db.globalRevision()).isEqualTo(before);
    }

    @Test
    void pruningWithAnEmptyFileRemovesTheWholeCatalogAndMenu() {
        db.catalog().apply(base(), CATALOG);
        CatalogPlan plan = db.catalog().apply(CatalogSpec.empty(), PRUNE);
        assertThat(plan.count(Action.DELETE)).isEqualTo(2 + 3 + 3 + 2);
        assertThat(db.catalog().modules().list()).isEmpty();
        assertThat(db.catalog().features().list()).isEmpty();
        assertThat(db.catalog().views().list()).isEmpty();
        assertThat(db.navigation().list()).isEmpty();
    }

    /** The fields of the plan's one entry for {@code kind} {@code key}. */
    static List<FieldChange> fields(CatalogPlan plan, String kind, String key) {
        List<PlannedChange> found = plan.changes().stream().filter(c -> c.kind().equals(kind) && c.key().equals(key)).toList();
        assertThat(found).as(kind + " " + key + " in\n" + plan.render()).hasSize(1);
        return found.get(0).fields();
    }

    /** The menu definition depth first, one line per item: {@code path <- view @position}. */
    private List<String> menu() {
        List<MenuItem> items = db.navigation().list();
        java.util.Map<dev.iamkit.model.MenuItemId, String> paths = new java.util.HashMap<>();
        java.util.Map<dev.iamkit.model.ViewId, String> views = new java.util.HashMap<>();
        db.catalog().views().list().forEach(v -> views.put(v.id(), v.code()));
        List<String> out = new java.util.ArrayList<>();
        for (MenuItem i : items) {
            String path = i.parentId().map(p -> paths.get(p) + "/").orElse("") + i.label();
            paths.put(i.id(), path);
            out.add(path + " <- " + i.viewId().map(views::get).orElse("-") + " @" + i.position());
        }
        return out;
    }
}
