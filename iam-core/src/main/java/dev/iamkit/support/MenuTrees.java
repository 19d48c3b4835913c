package dev.iamkit.support;

import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.MenuNode;
import dev.iamkit.model.ViewId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Menu tree rules shared by the stores: sibling order, visibility and the nesting of a flat list. */
public final class MenuTrees {
    /** Siblings: position, then id. */
    public static final Comparator<MenuItem> SIBLING_ORDER = Comparator.comparingInt(MenuItem::position).thenComparing(MenuItem::id);

    private MenuTrees() {
    }

    /**
     * The items of {@code all} a user sees: reachable from the top level through visible items
     * only, where an item with a view is visible iff {@code accessible} says so and a group iff
     * some sub-item is visible.
     */
    public static List<MenuItem> visible(Collection<MenuItem> all, Predicate<ViewId> accessible) {
        Map<Optional<MenuItemId>, List<MenuItem>> byParent = byParent(all);
        List<MenuItem> out = new ArrayList<>();
        for (MenuItem root : byParent.getOrDefault(Optional.empty(), List.of())) {
            collect(root, byParent, accessible, out);
        }
        return out;
    }

    /** Adds {@code item} and its visible sub-items to {@code out} when it is visible; returns whether it is. */
    private static boolean collect(MenuItem item, Map<Optional<MenuItemId>, List<MenuItem>> byParent, Predicate<ViewId> accessible,
                                   List<MenuItem> out) {
        if (item.viewId().isPresent() && !accessible.test(item.viewId().get())) {
            return false;
        }
        int mark = out.size();
        out.add(item);
        boolean any = false;
        for (MenuItem child : byParent.getOrDefault(Optional.of(item.id()), List.of())) {
            any |= collect(child, byParent, accessible, out);
        }
        if (item.isGroup() && !any) {
            out.subList(mark, out.size()).clear();
            return false;
        }
        return true;
    }

    /**
     * Nests a set of items that is closed under parents (every item's parent is in it, or it is at
     * the top level) into trees, siblings in {@link #SIBLING_ORDER}. Items whose parent is missing
     * are left out.
     */
    public static List<MenuNode> assemble(Collection<MenuItem> items) {
        Map<Optional<MenuItemId>, List<MenuItem>> byParent = byParent(items);
        return nodes(Optional.empty(), byParent, new HashSet<>());
    }

    private static List<MenuNode> nodes(Optional<MenuItemId> parent, Map<Optional<MenuItemId>, List<MenuItem>> byParent, Set<MenuItemId> seen) {
        List<MenuNode> out = new ArrayList<>();
        for (MenuItem item : byParent.getOrDefault(parent, List.of())) {
            if (seen.add(item.id())) {
                out.add(new MenuNode(item, nodes(Optional.of(item.id()), byParent, seen)));
            }
        }
        return out;
    }

    /** Depth first, parents before children, siblings in {@link #SIBLING_ORDER}: the order {@code navigation().list()} returns. */
    public static List<MenuItem> depthFirst(Collection<MenuItem> all) {
        List<MenuItem> out = new ArrayList<>();
        flatten(assemble(all), out);
        return out;
    }

    private static void flatten(List<MenuNode> nodes, List<MenuItem> out) {
        for (MenuNode n : nodes) {
            out.add(n.item());
            flatten(n.children(), out);
        }
    }

    private static Map<Optional<MenuItemId>, List<MenuItem>> byParent(Collection<MenuItem> items) {
        Map<Optional<MenuItemId>, List<MenuItem>> byParent = new HashMap<>();
        for (MenuItem i : items) {
            byParent.computeIfAbsent(i.parentId(), k -> new ArrayList<>()).add(i);
        }
        byParent.values().forEach(l -> l.sort(SIBLING_ORDER));
        return byParent;
    }
}
