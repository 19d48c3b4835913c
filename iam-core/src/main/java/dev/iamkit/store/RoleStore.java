package dev.iamkit.store;

import dev.iamkit.model.NewRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import java.util.List;
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
     * Makes {@code role} include {@code included}: whoever holds {@code role} also holds every
     * grant of {@code included} and of the roles it includes, transitively (a DENY included this
     * way still wins). True if the inclusion is new.
     *
     * @throws dev.iamkit.error.NotFoundException on {@code role} when either role does not exist
     * @throws dev.iamkit.error.ValidationException on {@code includedRoleId} when the inclusion would
     *         make a role include itself, directly or through others
     */
    boolean include(RoleId role, RoleId included);

    /**
     * Removes a direct inclusion; true if there was one.
     *
     * @throws dev.iamkit.error.NotFoundException on {@code role} when {@code role} does not exist
     */
    boolean exclude(RoleId role, RoleId included);

    /**
     * The roles {@code role} includes directly, in id order; never null.
     *
     * @throws dev.iamkit.error.NotFoundException on {@code role} when it does not exist
     */
    List<Role> includes(RoleId role);

    /**
     * Deletes the role with its grants, assignments and inclusions (both ways).
     *
     * @throws dev.iamkit.error.NotFoundException when the role does not exist
     */
    void delete(RoleId id);
}
