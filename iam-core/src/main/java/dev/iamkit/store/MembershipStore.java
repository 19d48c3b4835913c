package dev.iamkit.store;

import dev.iamkit.model.Membership;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.UserId;
import java.util.Optional;

/**
 * Memberships of the scope's organization. Writes throw {@link dev.iamkit.error.NotFoundException}
 * when the organization does not exist; every method may throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface MembershipStore {

    /**
     * Adds an {@code ACTIVE} member.
     *
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted
     * @throws dev.iamkit.error.AlreadyExistsException on {@code userId} when the user is already a member
     */
    Membership add(UserId user, OrgRole role);

    /** Like {@link #add}, but the membership starts {@code INVITED} and does not pass checks until it is activated. */
    Membership invite(UserId user, OrgRole role);

    Optional<Membership> find(UserId user);

    /** Memberships in user-id order; never null. */
    Page<Membership> list(PageRequest page);

    /**
     * Stores role and status of {@code changed} if its version is the stored one.
     *
     * @throws dev.iamkit.error.TenantMismatchException when {@code changed} belongs to another organization
     * @throws dev.iamkit.error.NotFoundException when the user is not a member
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     */
    Membership update(Membership changed);

    /**
     * Removes the membership together with the user's team memberships and the roles assigned
     * to the user directly in this organization.
     *
     * @throws dev.iamkit.error.NotFoundException when the user is not a member
     */
    void remove(UserId user);
}
