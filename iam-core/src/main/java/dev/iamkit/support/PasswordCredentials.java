package dev.iamkit.support;

import dev.iamkit.model.PasswordCheck;
import dev.iamkit.model.PasswordInfo;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.RateLimitDecision;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.CredentialStore;
import dev.iamkit.store.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of {@link CredentialStore} over a store's rows, shared by both stores so they
 * answer alike: validation, hashing (before any transaction: a verify at the default parameters
 * takes tens of milliseconds, which must not hold a connection), the lockout on the store's
 * {@link RateLimiter} (key {@code password:<user id>}), and the re-hash after a success. A store
 * supplies the five storage steps.
 */
public abstract class PasswordCredentials implements CredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordCredentials.class);

    /** A stored password: the hash, when it was written, and the end of a lockout. {@code toString} omits the hash. */
    public record Stored(String hash, Instant updatedAt, Optional<Instant> lockedUntil) {
        @Override
        public String toString() {
            return "Stored[updatedAt=" + updatedAt + ", lockedUntil=" + lockedUntil + "]";
        }
    }

    private final Clock clock;
    private final RateLimiter limits;
    private final PasswordPolicy policy;
    private volatile PasswordHashes hashes;

    protected PasswordCredentials(Clock clock, RateLimiter limits, PasswordPolicy policy) {
        this.clock = clock;
        this.limits = limits;
        this.policy = Validate.notNull("passwords", policy);
    }

    /** The stored password of a user that exists and is not deleted; empty otherwise. */
    protected abstract Optional<Stored> load(UserId user);

    /**
     * Stores {@code hash} as the user's password, written at {@code now}, with no lockout.
     *
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted
     */
    protected abstract void write(UserId user, String hash, Instant now);

    /** Replaces the user's hash only while it is still {@code expected}; whether it did. */
    protected abstract boolean replace(UserId user, String expected, String hash, Instant now);

    /** Locks the user's verifications until {@code until}, if the user has a password. */
    protected abstract void lock(UserId user, Instant until);

    /** Removes the user's password; whether there was one. */
    protected abstract boolean delete(UserId user);

    @Override
    public void set(UserId user, String password) {
        Validate.notNull("user", user);
        String valid = PasswordHashes.password("password", password);
        write(user, hashes().hash(valid), clock.instant());
        LOG.debug("password of user {} set", user);
    }

    @Override
    public PasswordCheck verify(UserId user, String password) {
        Validate.notNull("user", user);
        return check(user, PasswordHashes.password("password", password), true);
    }

    @Override
    public PasswordCheck change(UserId user, String oldPassword, String newPassword) {
        Validate.notNull("user", user);
        String old = PasswordHashes.password("oldPassword", oldPassword);
        String next = PasswordHashes.password("newPassword", newPassword);
        PasswordCheck c = check(user, old, false);
        if (c.ok()) {
            write(user, hashes().hash(next), clock.instant());
            LOG.debug("password of user {} changed", user);
        }
        return c;
    }

    @Override
    public boolean remove(UserId user) {
        Validate.notNull("user", user);
        boolean removed = delete(user);
        if (removed) {
            LOG.debug("password of user {} removed", user);
        }
        return removed;
    }

    @Override
    public void importHash(UserId user, String hash) {
        Validate.notNull("user", user);
        write(user, PasswordHashes.importable("hash", hash), clock.instant());
        LOG.debug("password hash of user {} imported", user);
    }

    @Override
    public Optional<PasswordInfo> info(UserId user) {
        Validate.notNull("user", user);
        return load(user).map(s -> PasswordHashes.info(s.hash(), s.updatedAt(), s.lockedUntil().filter(clock.instant()::isBefore)));
    }

    private PasswordCheck check(UserId user, String password, boolean rehash) {
        Optional<Stored> found = load(user);
        if (found.isEmpty()) {
            hashes().burn(password);
            return PasswordCheck.NO_PASSWORD;
        }
        Stored stored = found.get();
        if (stored.lockedUntil().filter(clock.instant()::isBefore).isPresent()) {
            return PasswordCheck.LOCKED_OUT;
        }
        PasswordHashes h = hashes();
        if (!h.matches(password, stored.hash())) {
            RateLimitDecision d = limits.hit("password:" + user.value(), policy.maxFailures(), policy.lockoutWindow());
            if (d.remaining() == 0) {
                lock(user, d.resetAt());
                LOG.debug("password verification of user {} locked until {}", user, d.resetAt());
            }
            return PasswordCheck.WRONG;
        }
        if (rehash && h.needsRehash(stored.hash()) && replace(user, stored.hash(), h.hash(password), clock.instant())) {
            LOG.debug("password of user {} rehashed", user);
        }
        return PasswordCheck.OK;
    }

    /** Loaded on first use, so a store whose host never uses passwords needs no {@link dev.iamkit.spi.PasswordKdf}. */
    private PasswordHashes hashes() {
        PasswordHashes h = hashes;
        if (h == null) {
            h = PasswordHashes.load(policy);
            hashes = h;
        }
        return h;
    }
}
