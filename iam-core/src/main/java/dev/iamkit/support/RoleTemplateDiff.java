package dev.iamkit.support;

import dev.iamkit.TenantScope;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.FeatureGrantSpec;
import dev.iamkit.catalog.FieldChange;
import dev.iamkit.catalog.PlannedChange;
import dev.iamkit.catalog.PlannedChange.Action;
import dev.iamkit.catalog.RoleTemplate;
import dev.iamkit.catalog.ViewGrantSpec;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.CatalogStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The role templates of a catalog file against one organization's roles, read and written through
 * its tenant scope (so every change is audited and moves the organization's revision as any other
 * does). A template's role gets the template's name, description, grants, view grants and
 * inclusions, replaced to match; roles the file does not name are never touched. Internal to the stores.
 */
public final class RoleTemplateDiff {
    private final List<PlannedChange> changes = new ArrayList<>();
    private final List<Runnable> writes = new ArrayList<>();
    private final List<Runnable> inclusions = new ArrayList<>();

    private RoleTemplateDiff() {
    }

    /**
     * Compares; {@code label} names the organization in the plan's keys ({@code acme:clerk}).
     * Grants are compared by feature code, action and effect, so features the catalog does not
     * have yet are simply missing grants.
     */
    public static RoleTemplateDiff of(CatalogSpec spec, String label, TenantScope tenant, CatalogStore catalog) {
        RoleTemplateDiff diff = new RoleTemplateDiff();
        Map<FeatureId, String> featureCodes = catalog.features().list().stream().collect(Collectors.toMap(Feature::id, Feature::code));
        Map<ViewId, String> viewCodes = catalog.views().list().stream().collect(Collectors.toMap(View::id, View::code));
        Map<String, RoleId> roleIds = new HashMap<>();
        List<RoleTemplate> templates = new ArrayList<>(spec.roles());
        templates.sort(Comparator.comparing(RoleTemplate::code));
        for (RoleTemplate want : templates) {
            Optional<Role> found = tenant.roles().findByCode(want.code());
            found.ifPresent(r -> roleIds.put(want.code(), r.id()));
            List<FieldChange> fields = new ArrayList<>();
            TreeSet<String> wantGrants = want.grants().stream().map(RoleTemplateDiff::grant).collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> wantViews = want.views().stream().map(v -> v.view() + "=" + v.effect()).collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> wantIncludes = new TreeSet<>(want.includes());
            if (found.isEmpty()) {
                PlanSteps.created(fields, "name", want.name());
                PlanSteps.created(fields, "description", want.description());
                PlanSteps.created(fields, "grants", wantGrants);
                PlanSteps.created(fields, "views", wantViews);
                PlanSteps.created(fields, "includes", wantIncludes);
                diff.changes.add(new PlannedChange(Action.CREATE, "role", label + ":" + want.code(), fields));
                diff.writes.add(() -> {
                    RoleId id = tenant.roles().create(new NewRole(want.code(), want.name(), want.description())).id();
                    roleIds.put(want.code(), id);
                    if (!want.grants().isEmpty()) {
                        tenant.grants().replace(id, grants(want, catalog));
                    }
                    if (!want.views().isEmpty()) {
                        tenant.grants().replaceViews(id, views(want, catalog));
                    }
                });
                for (String included : want.includes()) {
                    diff.inclusions.add(() -> tenant.roles().include(roleIds.get(want.code()), roleIds.get(included)));
                }
                continue;
            }
            Role have = found.get();
            PlanSteps.field(fields, "name", have.name(), want.name());
            PlanSteps.field(fields, "description", have.description(), want.description());
            if (!fields.isEmpty()) {
                diff.writes.add(() -> tenant.roles().update(have.withName(want.name()).withDescription(want.description())));
            }
            TreeSet<String> haveGrants = tenant.grants().list(have.id()).stream()
                    .map(g -> featureCodes.get(g.featureId()) + ":" + g.action() + "=" + g.effect()).collect(Collectors.toCollection(TreeSet::new));
            if (!haveGrants.equals(wantGrants)) {
                PlanSteps.field(fields, "grants", haveGrants, wantGrants);
                diff.writes.add(() -> tenant.grants().replace(have.id(), grants(want, catalog)));
            }
            TreeSet<String> haveViews = tenant.grants().listViews(have.id()).stream()
                    .map(g -> viewCodes.get(g.viewId()) + "=" + g.effect()).collect(Collectors.toCollection(TreeSet::new));
            if (!haveViews.equals(wantViews)) {
                PlanSteps.field(fields, "views", haveViews, wantViews);
                diff.writes.add(() -> tenant.grants().replaceViews(have.id(), views(want, catalog)));
            }
            Map<String, RoleId> haveIncludes = tenant.roles().includes(have.id()).stream().collect(Collectors.toMap(Role::code, Role::id));
            if (!haveIncludes.keySet().equals(wantIncludes)) {
                PlanSteps.field(fields, "includes", new TreeSet<>(haveIncludes.keySet()), wantIncludes);
                haveIncludes.forEach((code, id) -> {
                    if (!wantIncludes.contains(code)) {
                        diff.inclusions.add(() -> tenant.roles().exclude(have.id(), id));
                    }
                });
                for (String included : wantIncludes) {
                    if (!haveIncludes.containsKey(included)) {
                        diff.inclusions.add(() -> tenant.roles().include(have.id(), roleIds.get(included)));
                    }
                }
            }
            if (!fields.isEmpty()) {
                diff.changes.add(new PlannedChange(Action.UPDATE, "role", label + ":" + want.code(), fields));
            }
        }
        return diff;
    }

    public List<PlannedChange> changes() {
        return List.copyOf(changes);
    }

    /** Runs the writes through the tenant scope it was made with: roles and grants first, then inclusions (they name other templates' roles). */
    public void apply() {
        writes.forEach(Runnable::run);
        inclusions.forEach(Runnable::run);
    }

    private static String grant(FeatureGrantSpec g) {
        return g.feature() + ":" + g.action() + "=" + g.effect();
    }

    private static List<Grant> grants(RoleTemplate want, CatalogStore catalog) {
        Map<String, FeatureId> ids = codes(catalog.features().list(), Feature::code, Feature::id);
        return want.grants().stream().map(g -> new Grant(required(ids, g.feature(), "feature"), g.action(), g.effect())).toList();
    }

    private static List<ViewAccess> views(RoleTemplate want, CatalogStore catalog) {
        Map<String, ViewId> ids = codes(catalog.views().list(), View::code, View::id);
        return want.views().stream().map((ViewGrantSpec v) -> new ViewAccess(required(ids, v.view(), "view"), v.effect())).toList();
    }

    private static <T, I> Map<String, I> codes(List<T> items, Function<T, String> code, Function<T, I> id) {
        return items.stream().collect(Collectors.toMap(code, id));
    }

    /** A code of the file that the catalog does not hold: the catalog was changed since, or was not applied. */
    private static <I> I required(Map<String, I> ids, String code, String entity) {
        I id = ids.get(code);
        if (id == null) {
            throw new NotFoundException(entity, code);
        }
        return id;
    }
}
