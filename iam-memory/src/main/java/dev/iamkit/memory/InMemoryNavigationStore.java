package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.support.MenuTrees;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The global menu definition. Menus are computed from view access at each call, so no cache hears of these changes. */
final class InMemoryNavigationStore implements NavigationStore {
    static final String ENTITY = "menu_item";

    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemoryNavigationStore(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public MenuItem create(NewMenuItem item) {
        Validate.notNull("item", item);
        return transactor.write(tx -> {
            item.parentId().ifPresent(this::require);
            item.viewId().ifPresent(this::requireView);
            MenuItem created = new MenuItem(new MenuItemId(Uuid7.next(clock)), item.parentId(), item.viewId(), item.label(),
                    item.position(), 0);
            tx.put(state.menuItems, created.id(), created);
            return created;
        });
    }

    @Override
    public Optional<MenuItem> find(MenuItemId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.menuItems.get(id)));
    }

    @Override
    public List<MenuItem> list() {
        return transactor.read(() -> MenuTrees.depthFirst(state.menuItems.values()));
    }

    @Override
    public List<MenuItem> children(Optional<MenuItemId> parent) {
        Validate.present("parent", parent);
        return transactor.read(() -> state.menuItems.values().stream()
                .filter(i -> i.parentId().equals(parent))
                .sorted(MenuTrees.SIBLING_ORDER).toList());
    }

    @Override
    public MenuItem update(MenuItem changed) {
        Validate.notNull("changed", changed);
        return transactor.write(tx -> {
            MenuItem stored = requireVersion(changed);
            if (!stored.parentId().equals(changed.parentId())) {
                throw new ValidationException("parentId", "changes only through move");
            }
            changed.viewId().ifPresent(this::requireView);
            MenuItem updated = new MenuItem(stored.id(), stored.parentId(), changed.viewId(), changed.label(), changed.position(),
                    stored.version() + 1);
            tx.put(state.menuItems, updated.id(), updated);
            return updated;
        });
    }

    @Override
    public MenuItem move(MenuItem item, Optional<MenuItemId> parent, int position) {
        Validate.notNull("item", item);
        Validate.present("parentId", parent);
        Validate.range("position", position, MenuItem.POSITION_MIN, MenuItem.POSITION_MAX);
        return transactor.write(tx -> {
            MenuItem stored = requireVersion(item);
            if (parent.isPresent()) {
                checkParent(stored.id(), parent.get());
            }
            MenuItem moved = new MenuItem(stored.id(), parent, stored.viewId(), stored.label(), position, stored.version() + 1);
            tx.put(state.menuItems, moved.id(), moved);
            return moved;
        });
    }

    @Override
    public void delete(MenuItemId id) {
        Validate.notNull("id", id);
        transactor.write(tx -> {
            require(id);
            deleteSubtrees(state, tx, List.of(id));
            return null;
        });
    }

    /** Removes the items and everything below them, as the foreign key's cascade does. */
    static void deleteSubtrees(MemoryState state, Tx tx, List<MenuItemId> roots) {
        ArrayDeque<MenuItemId> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            MenuItemId next = pending.pop();
            if (tx.remove(state.menuItems, next) != null) {
                List<MenuItemId> below = new ArrayList<>();
                state.menuItems.values().stream().filter(i -> i.parentId().equals(Optional.of(next))).forEach(i -> below.add(i.id()));
                pending.addAll(below);
            }
        }
    }

    /** The new parent must exist and must not be the item or one of its sub-items. */
    private void checkParent(MenuItemId self, MenuItemId parent) {
        if (parent.equals(self)) {
            throw new ValidationException("parentId", "a menu item cannot be its own parent");
        }
        require(parent);
        // Walk up from the new parent; meeting self means self would sit below itself.
        Optional<MenuItemId> at = Optional.of(parent);
        while (at.isPresent()) {
            if (at.get().equals(self)) {
                throw new ValidationException("parentId", "a menu item cannot be moved below one of its own sub-items");
            }
            MenuItem i = state.menuItems.get(at.get());
            at = i == null ? Optional.empty() : i.parentId();
        }
    }

    private MenuItem requireVersion(MenuItem changed) {
        MenuItem stored = require(changed.id());
        if (stored.version() != changed.version()) {
            throw new StaleVersionException(ENTITY, changed.id(), changed.version());
        }
        return stored;
    }

    private MenuItem require(MenuItemId id) {
        MenuItem i = state.menuItems.get(id);
        if (i == null) {
            throw new NotFoundException(ENTITY, id);
        }
        return i;
    }

    private void requireView(ViewId view) {
        if (!state.views.containsKey(view)) {
            throw new NotFoundException("view", view);
        }
    }
}
