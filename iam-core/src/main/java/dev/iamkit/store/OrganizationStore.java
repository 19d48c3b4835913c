package dev.iamkit.store;

import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Organizations (tenants). Global: not bound to a tenant. Every method may also throw
 * {@link dev.iamkit.error.StorageException} when the store fails.
 */
public interface OrganizationStore {

    /**
     * Creates an {@code ACTIVE} organization at version 0.
     *
     * @throws dev.iamkit.error.AlreadyExistsException on {@code slug} when a non-deleted organization has it
     * @throws dev.iamkit.error.NotFoundException when the parent does not exist or is deleted
     */
    Organization create(NewOrganization org);

    /** The organization with this id, deleted or not; never null. */
    Optional<Organization> find(OrgId id);

    /** The non-deleted organization with this slug; never null. A malformed slug is a {@code ValidationException}. */
    Optional<Organization> findBySlug(String slug);

    /** Non-deleted organizations in creation (id) order; never null. */
    Page<Organization> list(PageRequest page);

    /** Non-deleted direct children of an organization in creation order; never null, empty for an unknown id. */
    List<Organization> children(OrgId parent);

    /**
     * Stores the name, slug, status, settings and parent of {@code changed}, if its {@code version}
     * is the stored one, and returns the stored result with the version increased by one.
     *
     * @throws dev.iamkit.error.NotFoundException when the organization (or the new parent) does not exist or is deleted
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     * @throws dev.iamkit.error.AlreadyExistsException on {@code slug} when another organization has the new slug
     * @throws dev.iamkit.error.ValidationException on {@code parentId} when the new parent is the organization itself or one of its descendants
     */
    Organization update(Organization changed);

    /**
     * Soft-deletes: the row is kept, its slug becomes free, and every check in it is false.
     *
     * @throws dev.iamkit.error.NotFoundException when it does not exist or is already deleted
     */
    Organization delete(OrgId id);

    /**
     * Undoes a soft delete. Restoring an organization that is not deleted returns it unchanged.
     *
     * @throws dev.iamkit.error.NotFoundException when it does not exist
     * @throws dev.iamkit.error.AlreadyExistsException on {@code slug} when its slug was taken meanwhile
     */
    Organization restore(OrgId id);
}
