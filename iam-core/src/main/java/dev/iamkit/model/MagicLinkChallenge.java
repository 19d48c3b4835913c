package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Instant;
import java.util.Optional;

/**
 * A magic-link challenge as stored: never its token. It is pending while it is not consumed, not
 * locked and {@code now} is before {@code expiresAt}; it is locked once {@code failedAttempts}
 * reaches {@link dev.iamkit.store.MagicLinkStore#MAX_FAILED_ATTEMPTS}.
 */
public record MagicLinkChallenge(MagicLinkId id, String email, String purpose, Instant createdAt, Instant expiresAt,
                                 Optional<Instant> consumedAt, int failedAttempts) {
    public MagicLinkChallenge {
        Validate.notNull("id", id);
        email = Validate.email("email", email);
        purpose = Validate.code("purpose", purpose);
        createdAt = Validate.instant("createdAt", createdAt);
        expiresAt = Validate.instant("expiresAt", expiresAt);
        consumedAt = Validate.instant("consumedAt", consumedAt);
        if (failedAttempts < 0) {
            throw new ValidationException("failedAttempts", "must not be negative");
        }
    }

    public boolean locked() {
        return failedAttempts >= dev.iamkit.store.MagicLinkStore.MAX_FAILED_ATTEMPTS;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
