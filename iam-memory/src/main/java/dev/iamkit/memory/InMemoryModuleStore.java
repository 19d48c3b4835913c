package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ModuleStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Modules of the catalog. Deleting one reaches into every organization's entitlements. */
final class InMemoryModuleStore implements ModuleStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    /** Told after each committed update or delete: every organization's answers may depend on the catalog. */
    private final AuthzCache cache;

    InMemoryModuleStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache) {
        this.cache = cache;
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public Module create(NewModule module) {
        Validate.notNull("module", module);
        return transactor.write(tx -> {
            if (withCode(module.code()).isPresent()) {
                throw new AlreadyExistsException("module", "code", module.code());
            }
            Module created = new Module(new ModuleId(Uuid7.next(clock)), module.code(), module.name(), module.description(),
                    module.enabled(), module.priority());
            tx.put(state.modules, created.id(), created);
            return created;
        });
    }

    @Override
    public Optional<Module> find(ModuleId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.modules.get(id)));
    }

    @Override
    public Optional<Module> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return transactor.read(() -> withCode(c));
    }

    @Override
    public List<Module> list() {
        return transactor.read(() -> state.modules.values().stream().sorted(MemoryState.MODULE_ORDER).toList());
    }

    @Override
    public Module update(Module changed) {
        Validate.notNull("changed", changed);
        return transactor.write(tx -> {
            tx.accessChanged(cache);
            Module stored = require(changed.id());
            if (!stored.code().equals(changed.code())) {
                throw new ValidationException("code", "cannot be changed: it is the entry's stable key");
            }
            Module updated = new Module(stored.id(), stored.code(), changed.name(), changed.description(), changed.enabled(), changed.priority());
            tx.put(state.modules, updated.id(), updated);
            return updated;
        });
    }

    @Override
    public void delete(ModuleId id) {
        Validate.notNull("id", id);
        transactor.write(tx -> {
            tx.accessChanged(cache);
            require(id);
            tx.remove(state.modules, id);
            List.copyOf(state.moduleFeatures).stream().filter(l -> l.left().equals(id)).forEach(l -> tx.remove(state.moduleFeatures, l));
            List.copyOf(state.moduleViews).stream().filter(l -> l.left().equals(id)).forEach(l -> tx.remove(state.moduleViews, l));
            for (TenantData d : state.tenants.values()) {
                tx.remove(d.entitlements, id);
            }
            return null;
        });
    }

    private Module require(ModuleId id) {
        Module m = state.modules.get(id);
        if (m == null) {
            throw new NotFoundException("module", id);
        }
        return m;
    }

    private Optional<Module> withCode(String code) {
        return state.modules.values().stream().filter(m -> m.code().equals(code)).findFirst();
    }
}
