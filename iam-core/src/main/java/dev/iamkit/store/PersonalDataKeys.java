package dev.iamkit.store;

/**
 * Operator tasks of personal data encryption ({@link dev.iamkit.support.PersonalDataCipher}): moving
 * a store's users to the current master key, and encrypting users stored before encryption was
 * turned on. Both work in batches, each batch one transaction, and are safe to run while the
 * store serves: call them until they return 0. Every method may also throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface PersonalDataKeys {

    /** Whether this store encrypts personal data (a master key is configured). */
    boolean enabled();

    /**
     * Re-wraps the data keys of at most {@code batchSize} users whose key is wrapped under another
     * master key than the current one, and recomputes their e-mail's blind index under it; the
     * ciphertext is not touched. Returns how many it moved, 0 when none is left, after which the
     * older master keys can be removed from the configuration.
     *
     * @throws dev.iamkit.error.ValidationException on {@code batchSize} when it is not 1 to 10000
     * @throws dev.iamkit.error.ConfigurationException when encryption is off
     * @throws dev.iamkit.error.UnreadableDataException when a key's master key is not held or fails authentication
     */
    long rewrap(int batchSize);

    /**
     * Encrypts at most {@code batchSize} users stored in plain text (written while encryption was
     * off). Returns how many it encrypted, 0 when none is left.
     *
     * @throws dev.iamkit.error.ValidationException on {@code batchSize} when it is not 1 to 10000
     * @throws dev.iamkit.error.ConfigurationException when encryption is off
     */
    long encryptExisting(int batchSize);

    /** Checks a batch size, the same for every store. */
    static void requireBatch(int batchSize, boolean enabled) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new dev.iamkit.error.ValidationException("batchSize", "must be 1 to 10000");
        }
        if (!enabled) {
            throw new dev.iamkit.error.ConfigurationException("personal data encryption is off: set IAMKIT_MASTER_KEYS");
        }
    }
}
