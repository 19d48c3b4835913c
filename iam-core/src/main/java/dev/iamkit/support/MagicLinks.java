package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.MagicLinkStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** What both stores share about magic-link tokens: how they are made and digested, and the failure each state gives. */
public final class MagicLinks {
    public static final String TOKEN_PREFIX = "iml_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MagicLinks() {
    }

    /** A new token: the prefix and 256 random bits, base64url without padding. */
    public static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The SHA-256 digest of a token's UTF-8 bytes: all the store keeps of it. */
    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("every Java platform has SHA-256", e);
        }
    }

    /** A challenge about to be stored, with its token (for the caller) and the token's digest (for the store). */
    public record Issue(MagicLinkChallenge challenge, String token, byte[] digest) {
        public IssuedMagicLink issued() {
            return new IssuedMagicLink(challenge, token);
        }
    }

    /**
     * Validates a request and makes its challenge, created now and pending, with a new token.
     *
     * @throws dev.iamkit.error.ValidationException on {@code email}, {@code purpose} or {@code ttl}
     */
    public static Issue issue(String email, String purpose, Duration ttl, Clock clock) {
        String e = Validate.email("email", email);
        String p = Validate.code("purpose", purpose);
        ttl("ttl", ttl);
        String token = newToken();
        Instant now = Validate.instant("createdAt", clock.instant());
        MagicLinkChallenge c = new MagicLinkChallenge(new MagicLinkId(Uuid7.next(clock)), e, p, now, now.plus(ttl), Optional.empty(), 0);
        return new Issue(c, token, digest(token));
    }

    /**
     * What a store's consuming write returned: the consumed challenge, or the failure, which is
     * thrown only now so that the write (a counted wrong token) is kept.
     */
    public static MagicLinkChallenge settle(Object outcome) {
        if (outcome instanceof InvalidCredentialsException e) {
            throw e;
        }
        return (MagicLinkChallenge) outcome;
    }

    /** A challenge's time to live: positive and at most {@code MagicLinkStore.TTL_MAX}. */
    public static Duration ttl(String field, Duration ttl) {
        Validate.notNull(field, ttl);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new ValidationException(field, "must be positive");
        }
        if (ttl.compareTo(MagicLinkStore.TTL_MAX) > 0) {
            throw new ValidationException(field, "must be at most " + MagicLinkStore.TTL_MAX.toDays() + " days");
        }
        return ttl;
    }

    public static InvalidCredentialsException unknown() {
        return new InvalidCredentialsException("the magic link is invalid");
    }

    /** A wrong token that was counted; {@code failedAttempts} counts it. */
    public static InvalidCredentialsException wrongToken(int failedAttempts) {
        return new InvalidCredentialsException(failedAttempts >= MagicLinkStore.MAX_FAILED_ATTEMPTS
                ? "the magic link is invalid; after too many failed attempts it is now locked"
                : "the magic link is invalid");
    }

    /** Why a stored challenge cannot be consumed now whatever the token, or empty while it is pending. */
    public static Optional<InvalidCredentialsException> unusable(MagicLinkChallenge c, Instant now) {
        if (c.consumedAt().isPresent()) {
            return Optional.of(new InvalidCredentialsException("the magic link has already been used"));
        }
        if (c.locked()) {
            return Optional.of(new InvalidCredentialsException("the magic link is locked after too many failed attempts"));
        }
        if (c.expiredAt(now)) {
            return Optional.of(new InvalidCredentialsException("the magic link has expired"));
        }
        return Optional.empty();
    }
}
