package dev.iamkit.store;

import dev.iamkit.model.NewRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import java.util.Optional;

/** Roles of the scope's organization. Every method may throw {@link dev.iamkit.error.StorageException}. */
public interface RoleStore {

    /**
     * @throws dev.iamkit.error.AlreadyExistsException on {@code code} when the organization has a role with it
     * @throws dev.iamkit.error.NotFoundException when the organization does not exist
     */
    Role create(NewRole role);

    Optional<Role> find(RoleId id);

    Optional<Role> findByCode(String code);

    /** Roles in creation (id) order; never null. */
    Page<Role> list(PageRequest page);

    /**
     * Stores code, name and description if the version is the stored one.
     *
     * @throws dev.iamkit.error.TenantMismatchException when {@code changed} belongs to another organization
     * @throws dev.iamkit.error.NotFoundException when the role does not exist
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     * @throws dev.iamkit.error.AlreadyExistsException on {@code code}
     */
    Role update(Role changed);

    /**
     * Deletes the role with its grants and assignments.
     *
     * @throws dev.iamkit.error.NotFoundException when the role does not exist
     */
    void delete(RoleId id);
}
