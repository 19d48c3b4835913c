package dev.iamkit.store;

import dev.iamkit.model.Consent;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Users' consent decisions. Global, like users: a person consents to the operator's purposes once,
 * whichever organizations they belong to (a purpose of one organization can be named as such, e.g.
 * {@code acme.newsletter}). Append-only: a decision is never changed, a later one for the same
 * purpose supersedes it. Decisions are kept when the user is anonymized and removed when the user
 * is purged. Every method may also throw {@link dev.iamkit.error.StorageException}.
 */
public interface ConsentStore {

    /**
     * Appends a decision of {@code user}, stamped with the store clock's now.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} or {@code consent} when null
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted
     */
    Consent record(UserId user, NewConsent consent);

    /**
     * The user's latest decision for each purpose, ordered by purpose; empty for a user with none
     * (or unknown); never null. A purpose whose latest decision is a withdrawal is listed with it.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null
     */
    List<Consent> current(UserId user);

    /**
     * The user's latest decision for {@code purpose}; never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null, on {@code purpose} when not a code
     */
    Optional<Consent> current(UserId user, String purpose);

    /**
     * Every decision of the user, newest first (by id: the order they were recorded in); never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} or {@code page} when null, on {@code after} when not a cursor of this list
     */
    Page<Consent> history(UserId user, PageRequest page);
}
