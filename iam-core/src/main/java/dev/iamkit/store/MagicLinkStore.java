package dev.iamkit.store;

import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.MagicLinkId;
import java.time.Duration;
import java.util.Optional;

/**
 * Magic-link challenges: one-time secrets sent by email. The token is {@code iml_} followed by
 * 256 random bits in base64url; the store keeps only its SHA-256 digest. A token is always
 * presented with the id of its challenge (both go in the link), so a wrong token counts against
 * that challenge: after {@link #MAX_FAILED_ATTEMPTS} wrong tokens it is locked, and its right
 * token no longer works either. Global (not per organization); not audited. May throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface MagicLinkStore {

    /** Wrong tokens a challenge takes before it locks. */
    int MAX_FAILED_ATTEMPTS = 5;

    /** The longest time to live a challenge may have. */
    Duration TTL_MAX = Duration.ofDays(7);

    /**
     * Makes a challenge for {@code email} that expires {@code ttl} from now (the store's clock) and
     * returns it with its token, which cannot be read again. Never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code email} when it is not an email address;
     *         on {@code purpose} when it is not a code ({@code a-z 0-9 _ . -}, 2 to 64, starting
     *         with a letter, e.g. {@code "login"}); on {@code ttl} when it is not positive or longer
     *         than {@link #TTL_MAX}. Nothing is written then.
     */
    IssuedMagicLink create(String email, String purpose, Duration ttl);

    /**
     * Consumes the challenge with {@code token}: succeeds exactly once, even for concurrent callers,
     * and returns the challenge as consumed. A failure is checked in this order: unknown challenge;
     * already consumed; locked; expired (valid while now is before {@code expiresAt}); wrong token,
     * which counts one failed attempt, and only then.
     *
     * @throws dev.iamkit.error.InvalidCredentialsException in each of those cases
     * @throws dev.iamkit.error.ValidationException on {@code id} or {@code token} when null
     */
    MagicLinkChallenge consume(MagicLinkId id, String token);

    /** The challenge, consumed or not; empty, never null, when unknown. */
    Optional<MagicLinkChallenge> find(MagicLinkId id);
}
