package dev.iamkit.store;

import dev.iamkit.model.NewUser;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.util.Optional;

/**
 * Users. Global: a user may be a member of many organizations. Every method may also throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface UserStore {

    /**
     * Creates a user at version 0. The email is stored lower-cased.
     *
     * @throws dev.iamkit.error.AlreadyExistsException on {@code email} when a non-deleted user has it, in any case
     */
    User create(NewUser user);

    /** The user with this id, deleted or not; never null. */
    Optional<User> find(UserId id);

    /**
     * The non-deleted user with this email, lower-cased as {@code create} stores it (Java's
     * {@code Locale.ROOT} rules); never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code email} when it is null or holds a NUL or an unpaired surrogate
     */
    Optional<User> findByEmail(String email);

    /** Non-deleted users in creation (id) order; never null. */
    Page<User> list(PageRequest page);

    /**
     * Stores the email, display name, status and email-verified time of {@code changed}, if its
     * version is the stored one; returns the result with the version increased by one.
     *
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted
     * @throws dev.iamkit.error.StaleVersionException when the version is not the stored one
     * @throws dev.iamkit.error.AlreadyExistsException on {@code email} when another non-deleted user has the new email
     */
    User update(User changed);

    /**
     * Soft-deletes: the row is kept, the email becomes free, and every check for the user is false.
     *
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is already deleted
     */
    User delete(UserId id);

    /**
     * Undoes a soft delete; restoring a user that is not deleted returns it unchanged.
     *
     * @throws dev.iamkit.error.NotFoundException when the user does not exist
     * @throws dev.iamkit.error.AlreadyExistsException on {@code email} when the email was taken meanwhile
     */
    User restore(UserId id);
}
