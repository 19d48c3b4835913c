package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Duration;

/**
 * How a store hashes passwords and locks out guessing. New hashes are Argon2id with
 * {@code memoryKib}, {@code iterations} and {@code parallelism}; a stored hash with less memory,
 * fewer iterations or less parallelism (or a bcrypt hash) is replaced after the next successful
 * verification, so raising a figure here upgrades every user who signs in. {@code maxFailures}
 * wrong passwords of one user within one fixed {@code lockoutWindow} (counted by the store's
 * {@link dev.iamkit.store.RateLimiter}) lock that user's verifications until the window ends.
 * The windows are the rate limiter's, fixed and aligned to the epoch: up to twice
 * {@code maxFailures} guesses fit around the end of one window and the start of the next. The
 * lockout is per user, so anyone who knows a user's id can lock that user out for a window; a
 * host that fears that limits by client address as well, with the rate limiter.
 *
 * <p>{@link #defaults()}: OWASP's first Argon2id recommendation, m=19456 KiB (19 MiB), t=2, p=1;
 * 10 failures per 15 minutes.
 */
public record PasswordPolicy(int memoryKib, int iterations, int parallelism, int maxFailures, Duration lockoutWindow) {
    public static final int MEMORY_KIB_MAX = 1 << 20;   // 1 GiB: more would let one verify exhaust a host's heap
    public static final int ITERATIONS_MAX = 100;
    public static final int PARALLELISM_MAX = 16;

    public PasswordPolicy {
        Validate.range("parallelism", parallelism, 1, PARALLELISM_MAX);
        Validate.range("memoryKib", memoryKib, 8 * parallelism, MEMORY_KIB_MAX);
        Validate.range("iterations", iterations, 1, ITERATIONS_MAX);
        Validate.range("maxFailures", maxFailures, 1, RateLimitRequest.LIMIT_MAX);
        // the same rules the rate limiter applies to a window
        try {
            new RateLimitRequest("password", maxFailures, lockoutWindow);
        } catch (ValidationException e) {
            throw new ValidationException("lockoutWindow", e.reason());
        }
    }

    /** m=19456 KiB, t=2, p=1; 10 failures per 15 minutes. */
    public static PasswordPolicy defaults() {
        return new PasswordPolicy(19_456, 2, 1, 10, Duration.ofMinutes(15));
    }

    public PasswordPolicy withArgon2(int memoryKib, int iterations, int parallelism) {
        return new PasswordPolicy(memoryKib, iterations, parallelism, maxFailures, lockoutWindow);
    }

    public PasswordPolicy withLockout(int maxFailures, Duration lockoutWindow) {
        return new PasswordPolicy(memoryKib, iterations, parallelism, maxFailures, lockoutWindow);
    }
}
