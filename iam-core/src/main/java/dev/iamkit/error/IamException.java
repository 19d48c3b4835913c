package dev.iamkit.error;

/**
 * Root of the one exception family iamkit throws. Every exception is unchecked, and both stores
 * throw the same subtype for the same situation, so a host app can catch these and never a
 * driver's exception.
 */
public abstract class IamException extends RuntimeException {
    protected IamException(String message) {
        super(message);
    }

    protected IamException(String message, Throwable cause) {
        super(message, cause);
    }
}
