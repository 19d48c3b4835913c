package dev.iamkit.support;

import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.FeatureSpec;
import dev.iamkit.catalog.FieldChange;
import dev.iamkit.catalog.ModuleSpec;
import dev.iamkit.catalog.PlannedChange;
import dev.iamkit.catalog.PlannedChange.Action;
import dev.iamkit.catalog.ViewSpec;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewView;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.support.PlanSteps.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The difference between a catalog file and a store's catalog and menu, read through the store's
 * own groups, and the steps that remove it. A link belongs to the entries at both its ends: it is
 * made or removed to match the file when both ends are in the file; a link to an entry the file
 * does not name is kept (and goes with that entry when pruning removes it). Internal to the stores.
 */
public final class CatalogDiff {
    private final CatalogSpec spec;
    private final boolean prune;
    private final CatalogStore catalog;
    private final PlanSteps out = new PlanSteps();
    final Map<String, ModuleId> moduleIds = new HashMap<>();
    final Map<String, FeatureId> featureIds = new HashMap<>();
    final Map<String, ViewId> viewIds = new HashMap<>();

    private CatalogDiff(CatalogSpec spec, boolean prune, CatalogStore catalog) {
        this.spec = spec;
        this.prune = prune;
        this.catalog = catalog;
    }

    /** Reads the store and compares; nothing is written until {@link #apply()}. */
    public static CatalogDiff of(CatalogSpec spec, boolean prune, CatalogStore catalog, NavigationStore navigation) {
        CatalogDiff diff = new CatalogDiff(spec, prune, catalog);
        List<View> views = catalog.views().list();
        diff.modules(catalog.modules().list());
        diff.features(catalog.features().list());
        diff.views(views);
        Map<ViewId, String> viewCodes = views.stream().collect(Collectors.toMap(View::id, View::code));
        MenuDiff.of(spec.menu(), navigation, viewCodes, diff.viewIds, prune, diff.out);
        return diff;
    }

    /** The plan's entries, catalog first, then the menu. */
    public List<PlannedChange> changes() {
        return List.copyOf(out.changes);
    }

    /** Runs the steps; the caller runs this in one transaction. */
    public void apply() {
        out.run();
    }

    private void modules(List<Module> stored) {
        Map<String, Module> byCode = index(stored, Module::code);
        stored.forEach(m -> moduleIds.put(m.code(), m.id()));
        Set<String> fileFeatures = codes(spec.features(), FeatureSpec::code);
        Set<String> fileViews = codes(spec.views(), ViewSpec::code);
        TreeMap<String, ModuleSpec> wanted = new TreeMap<>();
        spec.modules().forEach(m -> wanted.put(m.code(), m));
        for (String code : union(wanted.keySet(), byCode.keySet())) {
            ModuleSpec want = wanted.get(code);
            Module have = byCode.get(code);
            if (want == null) {
                absent("module", code, () -> catalog.modules().delete(have.id()), Phase.DELETE_ENTRIES);
                continue;
            }
            List<FieldChange> fields = new ArrayList<>();
            Set<String> haveFeatures = have == null ? Set.of() : codes(catalog.featuresOf(have.id()), Feature::code);
            Set<String> haveViews = have == null ? Set.of() : codes(catalog.viewsOf(have.id()), View::code);
            if (have == null) {
                PlanSteps.created(fields, "name", want.name());
                PlanSteps.created(fields, "description", want.description());
                PlanSteps.created(fields, "enabled", want.enabled());
                PlanSteps.created(fields, "priority", want.priority());
                out.step(Phase.WRITE_ENTRIES, () -> moduleIds.put(code, catalog.modules().create(
                        new NewModule(code, want.name(), want.description(), want.enabled(), want.priority())).id()));
            } else {
                PlanSteps.field(fields, "name", have.name(), want.name());
                PlanSteps.field(fields, "description", have.description(), want.description());
                PlanSteps.field(fields, "enabled", have.enabled(), want.enabled());
                PlanSteps.field(fields, "priority", have.priority(), want.priority());
                if (!fields.isEmpty()) {
                    out.step(Phase.WRITE_ENTRIES, () -> catalog.modules().update(have.withName(want.name()).withDescription(want.description())
                            .withEnabled(want.enabled()).withPriority(want.priority())));
                }
            }
            links(fields, "features", haveFeatures, want.features(), fileFeatures,
                    f -> catalog.linkFeature(moduleIds.get(code), featureIds.get(f)),
                    f -> catalog.unlinkFeature(moduleIds.get(code), featureIds.get(f)));
            links(fields, "views", haveViews, want.views(), fileViews,
                    v -> catalog.linkView(moduleIds.get(code), viewIds.get(v)),
                    v -> catalog.unlinkView(moduleIds.get(code), viewIds.get(v)));
            entry(have == null, "module", code, fields);
        }
    }

    private void features(List<Feature> stored) {
        Map<String, Feature> byCode = index(stored, Feature::code);
        stored.forEach(f -> featureIds.put(f.code(), f.id()));
        Set<String> fileViews = codes(spec.views(), ViewSpec::code);
        TreeMap<String, FeatureSpec> wanted = new TreeMap<>();
        spec.features().forEach(f -> wanted.put(f.code(), f));
        for (String code : union(wanted.keySet(), byCode.keySet())) {
            FeatureSpec want = wanted.get(code);
            Feature have = byCode.get(code);
            if (want == null) {
                absent("feature", code, () -> catalog.features().delete(have.id()), Phase.DELETE_ENTRIES);
                continue;
            }
            List<FieldChange> fields = new ArrayList<>();
            Set<String> haveViews = have == null ? Set.of() : codes(catalog.viewsOfFeature(have.id()), View::code);
            if (have == null) {
                PlanSteps.created(fields, "name", want.name());
                PlanSteps.created(fields, "description", want.description());
                PlanSteps.created(fields, "actions", want.actions());
                out.step(Phase.WRITE_ENTRIES, () -> featureIds.put(code, catalog.features().create(
                        new NewFeature(code, want.name(), want.description(), want.actions())).id()));
            } else {
                PlanSteps.field(fields, "name", have.name(), want.name());
                PlanSteps.field(fields, "description", have.description(), want.description());
                PlanSteps.field(fields, "actions", List.copyOf(have.actions()), List.copyOf(want.actions()));
                if (!fields.isEmpty()) {
                    out.step(Phase.WRITE_ENTRIES, () -> catalog.features().update(have.withName(want.name()).withDescription(want.description())
                            .withActions(want.actions())));
                }
            }
            links(fields, "views", haveViews, want.views(), fileViews,
                    v -> catalog.linkFeatureView(featureIds.get(code), viewIds.get(v)),
                    v -> catalog.unlinkFeatureView(featureIds.get(code), viewIds.get(v)));
            entry(have == null, "feature", code, fields);
        }
    }

    private void views(List<View> stored) {
        Map<String, View> byCode = index(stored, View::code);
        stored.forEach(v -> viewIds.put(v.code(), v.id()));
        TreeMap<String, ViewSpec> wanted = new TreeMap<>();
        spec.views().forEach(v -> wanted.put(v.code(), v));
        for (String code : union(wanted.keySet(), byCode.keySet())) {
            ViewSpec want = wanted.get(code);
            View have = byCode.get(code);
            if (want == null) {
                // after the menu's steps: deleting a view deletes the menu items that still open it
                absent("view", code, () -> catalog.views().delete(have.id()), Phase.DELETE_VIEWS);
                continue;
            }
            List<FieldChange> fields = new ArrayList<>();
            if (have == null) {
                PlanSteps.created(fields, "name", want.name());
                PlanSteps.created(fields, "path", want.path());
                PlanSteps.created(fields, "requiresAuth", want.requiresAuth());
                PlanSteps.created(fields, "icon", want.icon());
                PlanSteps.created(fields, "ordering", want.ordering());
                out.step(Phase.WRITE_ENTRIES, () -> viewIds.put(code, catalog.views().create(
                        new NewView(code, want.name(), want.path(), want.requiresAuth(), want.icon(), want.ordering())).id()));
            } else {
                PlanSteps.field(fields, "name", have.name(), want.name());
                PlanSteps.field(fields, "path", have.path(), want.path());
                PlanSteps.field(fields, "requiresAuth", have.requiresAuth(), want.requiresAuth());
                PlanSteps.field(fields, "icon", have.icon(), want.icon());
                PlanSteps.field(fields, "ordering", have.ordering(), want.ordering());
                if (!fields.isEmpty()) {
                    out.step(Phase.WRITE_ENTRIES, () -> catalog.views().update(have.withName(want.name()).withPath(want.path())
                            .withRequiresAuth(want.requiresAuth()).withIcon(want.icon()).withOrdering(want.ordering())));
                }
            }
            entry(have == null, "view", code, fields);
        }
    }

    /**
     * The links of one entry to the entries of one kind: those the file lists are made, those to
     * other entries of the file are removed, those to entries outside it are kept (or go with
     * them, when pruning deletes them).
     */
    private void links(List<FieldChange> fields, String name, Set<String> have, List<String> want, Set<String> inFile,
                       java.util.function.Consumer<String> link, java.util.function.Consumer<String> unlink) {
        TreeSet<String> after = new TreeSet<>(want);
        for (String h : have) {
            if (!inFile.contains(h) && !prune) {
                after.add(h);
            }
        }
        TreeSet<String> before = new TreeSet<>(have);
        if (before.equals(after)) {
            return;
        }
        PlanSteps.field(fields, name, List.copyOf(before), List.copyOf(after));
        for (String w : want) {
            if (!have.contains(w)) {
                out.step(Phase.LINKS, () -> link.accept(w));
            }
        }
        for (String h : have) {
            if (inFile.contains(h) && !want.contains(h)) {
                out.step(Phase.LINKS, () -> unlink.accept(h));
            }
        }
    }

    private void entry(boolean created, String kind, String code, List<FieldChange> fields) {
        if (created) {
            out.add(Action.CREATE, kind, code, fields);
        } else if (!fields.isEmpty()) {
            out.add(Action.UPDATE, kind, code, fields);
        }
    }

    private void absent(String kind, String code, Runnable delete, Phase phase) {
        if (prune) {
            out.add(Action.DELETE, kind, code, List.of());
            out.step(phase, delete);
        } else {
            out.add(Action.KEEP, kind, code, List.of());
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> code) {
        return items.stream().collect(Collectors.toMap(code, Function.identity()));
    }

    private static <T> Set<String> codes(List<T> items, Function<T, String> code) {
        return items.stream().map(code).collect(Collectors.toCollection(TreeSet::new));
    }

    private static TreeSet<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
