package dev.iamkit.store;

import dev.iamkit.model.NewPrivacyRequest;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.PrivacyRequest;
import dev.iamkit.model.PrivacyRequestId;
import dev.iamkit.model.UserId;
import java.util.Optional;

/**
 * The log of privacy requests. Every {@code exportUser}, {@code anonymize} and {@code purge} call of
 * the {@link PrivacyStore} adds a closed entry of its own (channel {@value PrivacyRequest#CALL}:
 * completed, or failed with a reason code; a call refused for bad input adds none); a request
 * received from outside is added with {@link #receive} and closed with {@link #complete} or
 * {@link #reject}. Entries hold no personal data but the user id, and stay when the user is
 * anonymized or purged. Lists are newest first (by id). Every method may also throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface PrivacyRequestLog {

    /**
     * Adds an open request ({@code RECEIVED}), stamped with the store clock's now. The user need not
     * exist any more (a request may name one already purged).
     *
     * @throws dev.iamkit.error.ValidationException on {@code request} when null
     */
    PrivacyRequest receive(NewPrivacyRequest request);

    /**
     * Closes an open request as {@code COMPLETED} (the host has carried it out).
     *
     * @throws dev.iamkit.error.NotFoundException when there is no such request
     * @throws dev.iamkit.error.ValidationException on {@code id} when null, on {@code status} when the request is already closed
     */
    PrivacyRequest complete(PrivacyRequestId id);

    /**
     * Closes an open request as {@code REJECTED} with a reason code (such as {@code identity_not_verified}).
     *
     * @throws dev.iamkit.error.NotFoundException when there is no such request
     * @throws dev.iamkit.error.ValidationException on {@code id} when null, on {@code reason} when not a code, on
     *         {@code status} when the request is already closed
     */
    PrivacyRequest reject(PrivacyRequestId id, String reason);

    /** The entry with this id; never null. @throws dev.iamkit.error.ValidationException on {@code id} when null */
    Optional<PrivacyRequest> find(PrivacyRequestId id);

    /**
     * The entries about {@code user}, newest first; never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} or {@code page} when null, on {@code after} when not a cursor of this list
     */
    Page<PrivacyRequest> forUser(UserId user, PageRequest page);

    /**
     * Every entry, newest first; never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code page} when null, on {@code after} when not a cursor of this list
     */
    Page<PrivacyRequest> recent(PageRequest page);
}
