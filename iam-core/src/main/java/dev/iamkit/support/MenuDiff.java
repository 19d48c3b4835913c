package dev.iamkit.support;

import dev.iamkit.catalog.FieldChange;
import dev.iamkit.catalog.MenuSpec;
import dev.iamkit.catalog.PlannedChange.Action;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.support.PlanSteps.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The menu part of a catalog diff. Menu items have no code: an item of the file is the stored
 * item under the same parent with the same label (the first by sibling order when the store has
 * several), so a label change is a removal and a creation. Position and view are updated in place.
 */
final class MenuDiff {
    private final NavigationStore navigation;
    private final Map<ViewId, String> storedViewCodes;
    private final Map<String, ViewId> viewIds;
    private final boolean prune;
    private final PlanSteps out;
    private final Map<Optional<MenuItemId>, List<MenuItem>> children = new HashMap<>();

    private MenuDiff(NavigationStore navigation, Map<ViewId, String> storedViewCodes, Map<String, ViewId> viewIds, boolean prune,
                     PlanSteps out) {
        this.navigation = navigation;
        this.storedViewCodes = storedViewCodes;
        this.viewIds = viewIds;
        this.prune = prune;
        this.out = out;
    }

    /** Compares {@code wanted} with the stored menu; {@code viewIds} is filled with created views' ids before the menu's steps run. */
    static void of(List<MenuSpec> wanted, NavigationStore navigation, Map<ViewId, String> storedViewCodes, Map<String, ViewId> viewIds,
                   boolean prune, PlanSteps out) {
        MenuDiff diff = new MenuDiff(navigation, storedViewCodes, viewIds, prune, out);
        for (MenuItem item : navigation.list()) {
            diff.children.computeIfAbsent(item.parentId(), p -> new ArrayList<>()).add(item);
        }
        diff.children.values().forEach(list -> list.sort(MenuTrees.SIBLING_ORDER));
        diff.level("", Optional.empty(), () -> Optional.empty(), wanted);
    }

    /**
     * One level: the file's items under a parent against the stored children of that parent
     * ({@code stored}: empty when the parent is new), the parent's id supplied when the steps run.
     */
    private void level(String path, Optional<MenuItemId> stored, Supplier<Optional<MenuItemId>> parent, List<MenuSpec> wanted) {
        List<MenuItem> left = stored.isPresent() || path.isEmpty()
                ? new ArrayList<>(children.getOrDefault(stored, List.of())) : new ArrayList<>();
        List<MenuSpec> ordered = new ArrayList<>(wanted);
        ordered.sort(Comparator.comparingInt(MenuSpec::position).thenComparing(MenuSpec::label));
        List<Runnable> later = new ArrayList<>();
        for (MenuSpec want : ordered) {
            String key = path.isEmpty() ? want.label() : path + " / " + want.label();
            Optional<MenuItem> match = left.stream().filter(i -> i.label().equals(want.label())).findFirst();
            match.ifPresent(left::remove);
            List<FieldChange> fields = new ArrayList<>();
            Optional<String> haveView = match.flatMap(MenuItem::viewId).map(storedViewCodes::get);
            if (match.isEmpty()) {
                PlanSteps.created(fields, "view", want.view());
                PlanSteps.created(fields, "position", want.position());
                out.add(Action.CREATE, "menu", key, fields);
                MenuItemId[] made = new MenuItemId[1];
                out.step(Phase.MENU, () -> made[0] = navigation.create(new NewMenuItem(parent.get(), want.view().map(viewIds::get),
                        want.label(), want.position())).id());
                later.add(() -> level(key, Optional.empty(), () -> Optional.of(made[0]), want.children()));
                continue;
            }
            MenuItem have = match.get();
            PlanSteps.field(fields, "view", haveView, want.view());
            PlanSteps.field(fields, "position", have.position(), want.position());
            if (!fields.isEmpty()) {
                out.add(Action.UPDATE, "menu", key, fields);
                out.step(Phase.MENU, () -> navigation.update(have.withView(want.view().map(viewIds::get)).withPosition(want.position())));
            }
            later.add(() -> level(key, Optional.of(have.id()), () -> Optional.of(have.id()), want.children()));
        }
        for (MenuItem gone : left) {
            String key = path.isEmpty() ? gone.label() : path + " / " + gone.label();
            if (prune) {
                out.add(Action.DELETE, "menu", key, List.of());
                // first of all: its sub-items go with it, and the view it opens may go later
                out.step(Phase.DELETE_MENU, () -> navigation.delete(gone.id()));
            } else {
                out.add(Action.KEEP, "menu", key, List.of());
            }
        }
        later.forEach(Runnable::run);
    }
}
