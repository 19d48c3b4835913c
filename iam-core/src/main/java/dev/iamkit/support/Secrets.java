package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.InvalidCredentialsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque secrets and their digests, shared by both stores so they accept exactly the same tokens.
 * A secret is a recognisable prefix (so a leaked one is easy to spot and scan for) followed by 32
 * bytes (256 bits) from {@link SecureRandom}, base64url without padding. Stores keep only the
 * SHA-256 digest: the secret has full entropy, so a slow password hash would add nothing.
 */
public final class Secrets {
    /** Refresh tokens of sessions. */
    public static final String REFRESH_PREFIX = "iks_";
    /** API keys. */
    public static final String API_KEY_PREFIX = "ikk_";
    public static final int RANDOM_BYTES = 32;
    /** Base64url of 32 bytes without padding. */
    private static final int ENCODED_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new secret: {@code prefix} + 256 random bits, base64url. */
    public static String generate(String prefix) {
        byte[] b = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether {@code presented} has the shape of a secret made by {@link #generate} with {@code prefix}. */
    public static boolean wellFormed(String prefix, String presented) {
        if (presented == null || presented.length() != prefix.length() + ENCODED_LENGTH || !presented.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The digest of a presented secret; one that is not well formed is refused before any lookup. */
    public static byte[] digestOf(String prefix, String presented, String what) {
        if (!wellFormed(prefix, presented)) {
            throw new InvalidCredentialsException(what);
        }
        return sha256(presented);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant-time comparison of two digests. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Bytes of an API key's lookup id: 9 bytes are 12 base64url characters. */
    private static final int LOOKUP_BYTES = 9;
    private static final int LOOKUP_LENGTH = 12;

    /** A new API key: its non-secret lookup id and its plaintext {@code ikk_<lookupId>_<secret>}. */
    public record ApiKeyParts(String lookupId, String plaintext) {
    }

    /** A presented API key taken apart: the lookup id that finds the candidate, and the digest of the whole key. */
    public record PresentedKey(String lookupId, byte[] digest) {
    }

    public static ApiKeyParts newApiKey() {
        byte[] b = new byte[LOOKUP_BYTES];
        RANDOM.nextBytes(b);
        String lookup = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return new ApiKeyParts(lookup, generate(API_KEY_PREFIX + lookup + "_"));
    }

    /** Takes a presented API key apart; one that is not well formed is refused before any lookup. */
    public static PresentedKey parseApiKey(String presented) {
        if (presented == null || presented.length() < API_KEY_PREFIX.length() + LOOKUP_LENGTH + 1) {
            throw new InvalidCredentialsException("API key");
        }
        String prefix = presented.substring(0, API_KEY_PREFIX.length() + LOOKUP_LENGTH + 1);
        String lookup = prefix.substring(API_KEY_PREFIX.length(), API_KEY_PREFIX.length() + LOOKUP_LENGTH);
        if (!prefix.startsWith(API_KEY_PREFIX) || !prefix.endsWith("_") || !wellFormed("", lookup + "A".repeat(ENCODED_LENGTH - LOOKUP_LENGTH))) {
            throw new InvalidCredentialsException("API key");
        }
        return new PresentedKey(lookup, digestOf(prefix, presented, "API key"));
    }

    /** Lower-case hex, for map keys in memory. */
    public static String hex(byte[] digest) {
        return java.util.HexFormat.of().formatHex(digest);
    }
}
