package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.NewView;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.ViewStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Views of the catalog. Deleting one reaches into every organization's view grants and trails, and into the menu definition. */
final class InMemoryViewStore implements ViewStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    /** Told after each committed update or delete: every organization's answers may depend on the catalog. */
    private final AuthzCache cache;

    InMemoryViewStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache) {
        this.cache = cache;
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public View create(NewView view) {
        Validate.notNull("view", view);
        return transactor.write(tx -> {
            if (withCode(view.code()).isPresent()) {
                throw new AlreadyExistsException("view", "code", view.code());
            }
            if (withPath(view.path()).isPresent()) {
                throw new AlreadyExistsException("view", "path", view.path());
            }
            View created = new View(new ViewId(Uuid7.next(clock)), view.code(), view.name(), view.path(), view.requiresAuth(),
                    view.icon(), view.ordering());
            tx.put(state.views, created.id(), created);
            return created;
        });
    }

    @Override
    public Optional<View> find(ViewId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.views.get(id)));
    }

    @Override
    public Optional<View> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return transactor.read(() -> withCode(c));
    }

    @Override
    public Optional<View> findByPath(String path) {
        String p = Validate.lookup("path", path);
        return transactor.read(() -> withPath(p));
    }

    @Override
    public List<View> list() {
        return transactor.read(() -> state.views.values().stream().sorted(MemoryState.VIEW_ORDER).toList());
    }

    @Override
    public View update(View changed) {
        Validate.notNull("changed", changed);
        return transactor.write(tx -> {
            tx.accessChanged(cache);
            View stored = require(changed.id());
            if (!stored.code().equals(changed.code())) {
                throw new ValidationException("code", "cannot be changed: it is the entry's stable key");
            }
            Optional<View> holder = withPath(changed.path());
            if (holder.isPresent() && !holder.get().id().equals(stored.id())) {
                throw new AlreadyExistsException("view", "path", changed.path());
            }
            View updated = new View(stored.id(), stored.code(), changed.name(), changed.path(), changed.requiresAuth(), changed.icon(),
                    changed.ordering());
            tx.put(state.views, updated.id(), updated);
            return updated;
        });
    }

    @Override
    public void delete(ViewId id) {
        Validate.notNull("id", id);
        transactor.write(tx -> {
            tx.accessChanged(cache);
            require(id);
            tx.remove(state.views, id);
            List.copyOf(state.moduleViews).stream().filter(l -> l.right().equals(id)).forEach(l -> tx.remove(state.moduleViews, l));
            List.copyOf(state.featureViews).stream().filter(l -> l.right().equals(id)).forEach(l -> tx.remove(state.featureViews, l));
            // Catalog changes are global: the view grants removed here go without an audit event.
            for (TenantData d : state.tenants.values()) {
                for (TreeMap<ViewId, ViewGrant> grants : d.viewGrants.values()) {
                    tx.remove(grants, id);
                }
                InMemoryTrail.forgetView(d, tx, id);
            }
            InMemoryNavigationStore.deleteSubtrees(state, tx, state.menuItems.values().stream()
                    .filter(i -> i.viewId().equals(Optional.of(id))).map(MenuItem::id).toList());
            return null;
        });
    }

    private View require(ViewId id) {
        View v = state.views.get(id);
        if (v == null) {
            throw new NotFoundException("view", id);
        }
        return v;
    }

    private Optional<View> withCode(String code) {
        return state.views.values().stream().filter(v -> v.code().equals(code)).findFirst();
    }

    private Optional<View> withPath(String path) {
        return state.views.values().stream().filter(v -> v.path().equals(path)).findFirst();
    }
}
