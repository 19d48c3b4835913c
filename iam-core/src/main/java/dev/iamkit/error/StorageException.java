package dev.iamkit.error;

/**
 * The store failed for a reason that is not the caller's input: a lost connection, a
 * serialization failure, a deadlock, a full disk. {@link #retryable()} says whether running the
 * same work again may succeed. The driver's exception is attached as the cause.
 */
public class StorageException extends IamException {
    private final boolean retryable;

    public StorageException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public StorageException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** True when the same operation may succeed if tried again (serialization failure, deadlock, connection loss). */
    public boolean retryable() {
        return retryable;
    }
}
