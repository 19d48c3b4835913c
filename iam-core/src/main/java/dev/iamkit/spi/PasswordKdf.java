package dev.iamkit.spi;

/**
 * The two key-derivation functions password credentials need, from a well-kept cryptography
 * library: iam-core carries no such library (every host would get it), so the stores find an
 * implementation with {@link java.util.ServiceLoader}, registered in
 * {@code META-INF/services/dev.iamkit.spi.PasswordKdf}. The {@code iam-passwords} module provides
 * one over Bouncy Castle. Encoding, parsing, parameter checks and comparisons stay in iam-core
 * ({@link dev.iamkit.support.PasswordHashes}), shared by both stores.
 */
public interface PasswordKdf {

    /** The raw Argon2id (version 0x13) output of {@code length} bytes. */
    byte[] argon2id(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length);

    /**
     * Whether {@code password} matches the bcrypt hash {@code encoded} ({@code $2a$}, {@code $2b$}
     * or {@code $2y$}, already checked for shape), compared in constant time. Only the first 72
     * bytes of the password count, as in every bcrypt.
     */
    boolean bcryptMatches(String encoded, byte[] password);
}
