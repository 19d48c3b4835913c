package dev.iamkit.error;

/**
 * Stored personal data cannot be read: its ciphertext or wrapped data key fails authentication
 * (changed outside the library), its data key was wrapped under a master key the configuration no
 * longer holds, or the store holds encrypted data and no master key is configured. Never retryable:
 * the same read fails the same way until the data or the configuration changes.
 */
public class UnreadableDataException extends StorageException {
    public UnreadableDataException(String message, Throwable cause) {
        super(Kind.REJECTED, null, message, cause);
    }

    public UnreadableDataException(String message) {
        this(message, null);
    }
}
