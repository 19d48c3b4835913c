package dev.iamkit.store;

import dev.iamkit.model.UserId;

/**
 * Data-subject operations over everything the library holds about one user (GDPR access). Global:
 * it reads every organization the user appears in. An operator task, not a hot path: a store may
 * visit every organization to answer.
 */
public interface PrivacyStore {

    /**
     * One JSON document ({@link dev.iamkit.model.UserExport}, written by
     * {@link dev.iamkit.support.Json}) with the user record; per organization, the membership, team
     * ids, direct role assignments, API keys the user created, trail entries, and audit events whose
     * actor or target is the user; the user's sessions (active or not) and the magic-link challenges
     * sent to the user's email; the user's consent decisions and privacy requests (both newest
     * first; the request of this very call is logged after it). Secrets never appear: no token, key or digest is exported. The order
     * is deterministic (organizations by id, then each list in the order its store lists it). Never
     * null. Deleted organizations and a deleted user are exported too: the data is still held.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null
     * @throws dev.iamkit.error.NotFoundException when the user does not exist
     */
    String exportUser(UserId user);

    /**
     * Erases the user's personal data, keeping ids so references stay valid: email becomes
     * {@code anonymized-<id>@anonymized.invalid}, display name {@code "Anonymized user"}, status
     * {@code INACTIVE} (so checks are false) and the email is no longer verified; every session
     * is revoked and loses its device name, IP and user agent; every API key the user created,
     * in any organization, is revoked (audited as {@link dev.iamkit.model.Actor#system()}); the
     * magic-link challenges sent to the user's email, the user's trail entries and password are deleted.
     * Audit events are kept unchanged, IP and user agent included: the trail is append-only
     * (kept under legitimate interest) and its hash chain stays intact. One transaction.
     * Idempotent: a second call changes nothing. A deleted user is anonymized too.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null
     * @throws dev.iamkit.error.NotFoundException when the user does not exist
     */
    void anonymize(UserId user);

    /**
     * Hard-deletes the users and organizations that were deleted (soft, {@code deletedAt}) more
     * than {@code olderThan} before the store clock's now, with everything that belongs to them:
     * a user's memberships (and so team memberships, direct assignments and trail in every
     * organization) and sessions; an organization's tenant data, its audit trail included, and
     * the sessions that work in it. An organization that still has child organizations is kept
     * until they are gone; children purged in the same call go first. Audit events that name a
     * purged user stay in their organization's trail. One transaction.
     *
     * @return how many users and organizations were removed
     * @throws dev.iamkit.error.ValidationException on {@code olderThan} when null, zero or negative
     */
    long purge(java.time.Duration olderThan);

    /**
     * The log of privacy requests: an entry for each call of this store's three operations, and
     * the requests a host receives from outside. Never null.
     */
    PrivacyRequestLog requests();

    /** The validation of {@link #purge}'s argument, shared by the stores. */
    static java.time.Duration requirePositive(java.time.Duration olderThan) {
        dev.iamkit.model.Validate.notNull("olderThan", olderThan);
        if (olderThan.isNegative() || olderThan.isZero()) {
            throw new dev.iamkit.error.ValidationException("olderThan", "must be positive");
        }
        return olderThan;
    }
}
