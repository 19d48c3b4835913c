package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.PasswordInfo;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.Validate;
import dev.iamkit.spi.PasswordKdf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashes in their string forms, shared by both stores: Argon2id PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding, 16-byte salt,
 * 32-byte hash) made at a {@link PasswordPolicy}, and bcrypt hashes accepted for import. The key
 * derivation itself is a {@link PasswordKdf}; here are the encoding, the parsing of stored and
 * imported hashes, the constant-time comparison and the decision to re-hash.
 */
public final class PasswordHashes {
    /** The longest password accepted, in characters. */
    public static final int PASSWORD_MAX = 1024;
    /** The longest hash accepted for import. */
    public static final int HASH_MAX = 512;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,3}),p=([0-9]{1,2})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] BURN_SALT = new byte[SALT_BYTES];

    private final PasswordPolicy policy;
    private final PasswordKdf kdf;

    public PasswordHashes(PasswordPolicy policy, PasswordKdf kdf) {
        this.policy = Validate.notNull("policy", policy);
        this.kdf = Validate.notNull("kdf", kdf);
    }

    /**
     * Hashes at {@code policy} with the first {@link PasswordKdf} that {@link ServiceLoader} finds.
     *
     * @throws ConfigurationException when there is none on the class path
     */
    public static PasswordHashes load(PasswordPolicy policy) {
        PasswordKdf kdf = ServiceLoader.load(PasswordKdf.class, PasswordHashes.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new ConfigurationException(
                        "no password hashing on the class path: add the dependency dev.iamkit:iam-passwords (Argon2id and bcrypt over Bouncy Castle)"));
        return new PasswordHashes(policy, kdf);
    }

    public PasswordPolicy policy() {
        return policy;
    }

    /** A valid password, unchanged: 1 to {@value #PASSWORD_MAX} characters, no NUL, no unpaired surrogate. */
    public static String password(String field, String value) {
        Validate.string(field, value);
        if (value.isEmpty()) {
            throw new ValidationException(field, "must not be empty");
        }
        if (value.length() > PASSWORD_MAX) {
            throw new ValidationException(field, "must have at most " + PASSWORD_MAX + " characters");
        }
        return value;
    }

    /** A new Argon2id hash of {@code password} at the policy's parameters, with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = kdf.argon2id(utf8(password), salt, policy.memoryKib(), policy.iterations(), policy.parallelism(), HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + policy.memoryKib() + ",t=" + policy.iterations() + ",p=" + policy.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    /** Spends what {@link #hash} spends and discards it: the answer for a user without a password takes as long. */
    public void burn(String password) {
        kdf.argon2id(utf8(password), BURN_SALT, policy.memoryKib(), policy.iterations(), policy.parallelism(), HASH_BYTES);
    }

    /** Whether {@code password} matches the stored hash; false for a hash this class cannot read. Constant time. */
    public boolean matches(String password, String stored) {
        Parsed p = parse(stored);
        if (p instanceof Argon2 a) {
            byte[] again = kdf.argon2id(utf8(password), a.salt(), a.memoryKib(), a.iterations(), a.parallelism(), a.hash().length);
            return MessageDigest.isEqual(again, a.hash());
        }
        return p instanceof Bcrypt && kdf.bcryptMatches(stored, utf8(password));
    }

    /** Whether a matching {@code stored} hash should be replaced: bcrypt, or Argon2id weaker than the policy in any figure. */
    public boolean needsRehash(String stored) {
        return !(parse(stored) instanceof Argon2 a) || a.memoryKib() < policy.memoryKib() || a.iterations() < policy.iterations()
                || a.parallelism() < policy.parallelism() || a.hash().length < HASH_BYTES;
    }

    /**
     * A hash made elsewhere that the stores accept as it is, unchanged.
     *
     * @throws ValidationException on {@code field} when it is neither a bcrypt hash nor an Argon2id PHC string within the limits
     */
    public static String importable(String field, String hash) {
        Validate.string(field, hash);
        if (hash.length() > HASH_MAX) {
            throw new ValidationException(field, "must be at most " + HASH_MAX + " characters");
        }
        if (parse(hash) == null) {
            throw new ValidationException(field, "must be a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31) or an Argon2id PHC string"
                    + " ($argon2id$v=19$m=..,t=..,p=..$salt$hash, m at most " + PasswordPolicy.MEMORY_KIB_MAX + " KiB, t at most "
                    + PasswordPolicy.ITERATIONS_MAX + ", p at most " + PasswordPolicy.PARALLELISM_MAX + ")");
        }
        return hash;
    }

    /** What may be said about a stored hash: its algorithm and parameters, never the hash. */
    public static PasswordInfo info(String stored, Instant updatedAt, Optional<Instant> lockedUntil) {
        Parsed p = parse(stored);
        if (p instanceof Argon2 a) {
            return new PasswordInfo("argon2id", "m=" + a.memoryKib() + ",t=" + a.iterations() + ",p=" + a.parallelism(), updatedAt, lockedUntil);
        }
        if (p instanceof Bcrypt b) {
            return new PasswordInfo("bcrypt", "cost=" + b.cost(), updatedAt, lockedUntil);
        }
        return new PasswordInfo("unknown", "", updatedAt, lockedUntil);
    }

    private sealed interface Parsed permits Argon2, Bcrypt {
    }

    private record Argon2(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) implements Parsed {
    }

    private record Bcrypt(int cost) implements Parsed {
    }

    /** The hash's parts, or null when it is not a hash within the limits. */
    private static Parsed parse(String hash) {
        if (hash == null || hash.length() > HASH_MAX) {
            return null;
        }
        Matcher b = BCRYPT.matcher(hash);
        if (b.matches()) {
            int cost = Integer.parseInt(b.group(1));
            return cost >= 4 && cost <= 31 ? new Bcrypt(cost) : null;
        }
        Matcher a = ARGON2ID.matcher(hash);
        if (!a.matches()) {
            return null;
        }
        int m = Integer.parseInt(a.group(1));
        int t = Integer.parseInt(a.group(2));
        int p = Integer.parseInt(a.group(3));
        if (p < 1 || p > PasswordPolicy.PARALLELISM_MAX || m < 8 * p || m > PasswordPolicy.MEMORY_KIB_MAX || t < 1 || t > PasswordPolicy.ITERATIONS_MAX) {
            return null;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(a.group(4));
            byte[] out = Base64.getDecoder().decode(a.group(5));
            return salt.length >= 8 && salt.length <= 64 && out.length >= 16 && out.length <= 64 ? new Argon2(m, t, p, salt, out) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
