package dev.iamkit.store;

import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewModule;
import java.util.List;
import java.util.Optional;

/** Modules of the global catalog. Every method may also throw {@link dev.iamkit.error.StorageException}. */
public interface ModuleStore {

    /** @throws dev.iamkit.error.AlreadyExistsException on {@code code} */
    Module create(NewModule module);

    Optional<Module> find(ModuleId id);

    Optional<Module> findByCode(String code);

    /** All modules by priority, then code; never null. */
    List<Module> list();

    /**
     * Stores name, description, enabled and priority of {@code changed}.
     *
     * @throws dev.iamkit.error.ValidationException on {@code code} when it differs from the stored one: codes are stable keys
     * @throws dev.iamkit.error.NotFoundException when the module does not exist
     */
    Module update(Module changed);

    /**
     * Deletes the module, its links and every organization's entitlement to it.
     *
     * @throws dev.iamkit.error.NotFoundException when the module does not exist
     */
    void delete(ModuleId id);
}
