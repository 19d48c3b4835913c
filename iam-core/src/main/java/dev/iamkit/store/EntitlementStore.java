package dev.iamkit.store;

import dev.iamkit.model.Entitlement;
import dev.iamkit.model.ModuleId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which modules the scope's organization may use. Every method may throw {@link dev.iamkit.error.StorageException}. */
public interface EntitlementStore {

    /**
     * Entitles the organization to a module, enabled, with an optional expiry; entitling again
     * enables it and replaces the expiry.
     *
     * @throws dev.iamkit.error.NotFoundException when the module or the organization does not exist
     */
    Entitlement entitle(ModuleId module, Optional<Instant> expiresAt);

    default Entitlement entitle(ModuleId module) {
        return entitle(module, Optional.empty());
    }

    /**
     * Turns an entitlement on or off, keeping its expiry.
     *
     * @throws dev.iamkit.error.NotFoundException on {@code entitlement} when the organization is not entitled to the module
     */
    Entitlement setEnabled(ModuleId module, boolean enabled);

    /** Removes the entitlement; true if there was one. */
    boolean revoke(ModuleId module);

    Optional<Entitlement> find(ModuleId module);

    /** All entitlements, expired and disabled ones included, in module-id order; never null. */
    List<Entitlement> list();
}
