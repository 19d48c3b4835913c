package dev.iamkit.testkit;

import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.FeatureGrantSpec;
import dev.iamkit.catalog.FeatureSpec;
import dev.iamkit.catalog.MenuSpec;
import dev.iamkit.catalog.ModuleSpec;
import dev.iamkit.catalog.RoleTemplate;
import dev.iamkit.catalog.ViewGrantSpec;
import dev.iamkit.catalog.ViewSpec;
import dev.iamkit.model.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A small catalog file built in Java for the catalog apply contract, and ways to change one part
 * of it: billing (invoices, payments) and reports, three views, a two-level menu, two role
 * templates (clerk includes viewer, with a DENY).
 */
final class CatalogSpecs {
    private CatalogSpecs() {
    }

    static CatalogSpec base() {
        return new CatalogSpec(
                List.of(new ModuleSpec("billing", "Billing", "Invoices and payments", true, 10, List.of("invoices", "payments"),
                                List.of("invoice-list", "payment-list")),
                        new ModuleSpec("reports", "Reports", "", true, 20, List.of("reports"), List.of("report-list"))),
                List.of(new FeatureSpec("invoices", "Invoices", "", actions("read", "create", "approve"), List.of("invoice-list")),
                        new FeatureSpec("payments", "Payments", "", actions("read", "refund"), List.of("payment-list")),
                        new FeatureSpec("reports", "Reports", "", actions("read", "export"), List.of())),
                List.of(new ViewSpec("invoice-list", "Invoices", "/invoices", true, Optional.of("receipt"), 10),
                        new ViewSpec("payment-list", "Payments", "/payments", true, Optional.empty(), 20),
                        new ViewSpec("report-list", "Reports", "/reports", true, Optional.empty(), 30)),
                List.of(new MenuSpec("Billing", Optional.empty(), 0, List.of(
                                new MenuSpec("Invoices", Optional.of("invoice-list"), 0, List.of()),
                                new MenuSpec("Payments", Optional.of("payment-list"), 1, List.of()))),
                        new MenuSpec("Reports", Optional.of("report-list"), 1, List.of())),
                List.of(new RoleTemplate("viewer", "Viewer", "", List.of(new FeatureGrantSpec("invoices", "read", Effect.ALLOW),
                                new FeatureGrantSpec("reports", "read", Effect.ALLOW)), List.of(new ViewGrantSpec("invoice-list", Effect.ALLOW)),
                                List.of()),
                        new RoleTemplate("clerk", "Clerk", "", List.of(new FeatureGrantSpec("invoices", "create", Effect.ALLOW),
                                new FeatureGrantSpec("payments", "refund", Effect.DENY)), List.of(), List.of("viewer"))));
    }

    static TreeSet<String> actions(String... names) {
        return new TreeSet<>(List.of(names));
    }

    static CatalogSpec withModules(CatalogSpec s, UnaryOperator<List<ModuleSpec>> change) {
        return new CatalogSpec(change.apply(new ArrayList<>(s.modules())), s.features(), s.views(), s.menu(), s.roles());
    }

    static CatalogSpec withFeatures(CatalogSpec s, UnaryOperator<List<FeatureSpec>> change) {
        return new CatalogSpec(s.modules(), change.apply(new ArrayList<>(s.features())), s.views(), s.menu(), s.roles());
    }

    static CatalogSpec withViews(CatalogSpec s, UnaryOperator<List<ViewSpec>> change) {
        return new CatalogSpec(s.modules(), s.features(), change.apply(new ArrayList<>(s.views())), s.menu(), s.roles());
    }

    static CatalogSpec withMenu(CatalogSpec s, List<MenuSpec> menu) {
        return new CatalogSpec(s.modules(), s.features(), s.views(), menu, s.roles());
    }

    static CatalogSpec withRoles(CatalogSpec s, List<RoleTemplate> roles) {
        return new CatalogSpec(s.modules(), s.features(), s.views(), s.menu(), roles);
    }

    /** {@code list} with its element {@code at} replaced. */
    static <T> List<T> set(List<T> list, int at, T value) {
        List<T> out = new ArrayList<>(list);
        out.set(at, value);
        return out;
    }
}
