package dev.iamkit.error;

import java.util.Optional;

/**
 * The store failed for a reason that is not the caller's input: a lost connection, a
 * serialization failure, a deadlock, a full disk. {@link #kind()} says what the failure means for
 * the call's changes, and so what the caller may do next; {@link #code()} carries the store's own
 * code for it (on PostgreSQL, the SQLState). The driver's exception is attached as the cause.
 */
public class StorageException extends IamException {

    /** What a failure means for the changes of the call that met it. */
    public enum Kind {
        /**
         * Nothing of the call was stored, and the same call may succeed if made again: the
         * connection was lost (or refused, or the pool had none to lend) before the call
         * committed, or the store gave up on it for a reason of the moment (a serialization
         * failure, a deadlock, a lock or statement timeout, a server starting or shutting down,
         * too many connections). Safe to retry.
         */
        NOT_APPLIED,
        /**
         * The connection was lost while the store was committing the call (or while a
         * single-statement write was on the wire): its changes may or may not be stored, and the
         * store cannot tell which. Repeating the call may apply it twice, or fail because the
         * first one did (an {@link AlreadyExistsException} for a create); run such work under an
         * idempotency key ({@link dev.iamkit.IamDatabase#inTenant(dev.iamkit.model.OrgId,
         * dev.iamkit.model.Actor, dev.iamkit.retry.IdempotencyKey, dev.iamkit.retry.ResultCodec,
         * dev.iamkit.TenantWork)}), whose retry returns the first result, or read what is stored.
         */
        OUTCOME_UNKNOWN,
        /**
         * The store refused the call and nothing was stored; the same call fails the same way
         * until something else changes: the store is closed, stored data or the schema is not
         * what the library expects, the login lacks a privilege, or a constraint the library does
         * not name was violated. Not worth retrying.
         */
        REJECTED
    }

    private final Kind kind;
    private final String code;

    /**
     * @param kind what the failure means for the call's changes
     * @param code the store's code for the failure (PostgreSQL: the SQLState), or null when it has none
     */
    public StorageException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind == null ? Kind.REJECTED : kind;
        this.code = code == null || code.isEmpty() ? null : code;
    }

    public StorageException(Kind kind, String message) {
        this(kind, null, message, null);
    }

    /** A failure that is {@link Kind#NOT_APPLIED} when {@code retryable}, else {@link Kind#REJECTED}. */
    public StorageException(String message, Throwable cause, boolean retryable) {
        this(retryable ? Kind.NOT_APPLIED : Kind.REJECTED, null, message, cause);
    }

    /** A failure that is {@link Kind#NOT_APPLIED} when {@code retryable}, else {@link Kind#REJECTED}. */
    public StorageException(String message, boolean retryable) {
        this(retryable ? Kind.NOT_APPLIED : Kind.REJECTED, null, message, null);
    }

    /** What the failure means for the call's changes; never null. */
    public Kind kind() {
        return kind;
    }

    /** The store's own code for the failure: on PostgreSQL the SQLState (e.g. {@code 40001}, {@code 08006}, {@code 57P01}). */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * True exactly when {@link #kind()} is {@link Kind#NOT_APPLIED}: making the same call again is
     * safe and may succeed. An {@link Kind#OUTCOME_UNKNOWN} failure is not retryable this way: the
     * first call may have been stored.
     */
    public boolean retryable() {
        return kind == Kind.NOT_APPLIED;
    }
}
