package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What may be said about a stored password without the hash: its algorithm ({@code "argon2id"}
 * or {@code "bcrypt"}), the parameters recorded with it ({@code "m=19456,t=2,p=1"}, or
 * {@code "cost=12"}), when it was last written, and until when verifications are locked out
 * (empty when they are not).
 */
public record PasswordInfo(String algorithm, String parameters, Instant updatedAt, Optional<Instant> lockedUntil) {
    public PasswordInfo {
        Validate.string("algorithm", algorithm);
        Validate.string("parameters", parameters);
        updatedAt = Validate.instant("updatedAt", updatedAt);
        lockedUntil = Validate.present("lockedUntil", lockedUntil);
    }
}
