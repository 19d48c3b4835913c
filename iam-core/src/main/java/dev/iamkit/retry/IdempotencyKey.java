package dev.iamkit.retry;

import dev.iamkit.error.ValidationException;
import java.time.Duration;

/**
 * Names one logical change, so that running it again is harmless: the store records the key in
 * the change's own transaction, and a later call with the same key in the same organization
 * returns the first call's result without running its work (see
 * {@link dev.iamkit.IamDatabase#inTenant(dev.iamkit.model.OrgId, dev.iamkit.model.Actor, IdempotencyKey, ResultCodec, dev.iamkit.TenantWork)}).
 * Make one per change the caller means to make once (a request id, a message id, a random UUID
 * kept across retries), never one per attempt.
 *
 * @param value 1 to 200 characters, none of them a control character; compared exactly (case and
 *        spaces count)
 */
public record IdempotencyKey(String value) {
    /** How long a key is remembered after the change it named committed; a key older than this names a new change. */
    public static final Duration RETENTION = Duration.ofHours(24);
    public static final int MAX_LENGTH = 200;

    public IdempotencyKey {
        if (value == null) {
            throw new ValidationException("idempotencyKey", "is required");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new ValidationException("idempotencyKey", "must be 1 to " + MAX_LENGTH + " characters long");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ValidationException("idempotencyKey", "must not contain control characters");
            }
            // a lone surrogate has no UTF-8 form: PostgreSQL would store another key than the one given
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException("idempotencyKey", "must be well-formed text (a lone surrogate character)");
            }
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
