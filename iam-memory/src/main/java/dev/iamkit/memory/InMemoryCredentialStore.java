package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.store.RateLimiter;
import dev.iamkit.support.PasswordCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Password hashes in a map by user; each step is its own transaction, as each is one statement on PostgreSQL. */
final class InMemoryCredentialStore extends PasswordCredentials {
    private final MemoryState state;
    private final Transactor transactor;

    InMemoryCredentialStore(MemoryState state, Transactor transactor, Clock clock, RateLimiter limits, PasswordPolicy policy) {
        super(clock, limits, policy);
        this.state = state;
        this.transactor = transactor;
    }

    @Override
    protected Optional<Stored> load(UserId user) {
        return transactor.read(() -> live(user) ? Optional.ofNullable(state.passwords.get(user)) : Optional.empty());
    }

    @Override
    protected void write(UserId user, String hash, Instant now) {
        transactor.write(tx -> {
            if (!live(user)) {
                throw new NotFoundException("user", user);
            }
            return tx.put(state.passwords, user, new Stored(hash, now, Optional.empty()));
        });
    }

    @Override
    protected boolean replace(UserId user, String expected, String hash, Instant now) {
        return transactor.write(tx -> {
            Stored s = state.passwords.get(user);
            if (s == null || !s.hash().equals(expected) || !live(user)) {
                return false;
            }
            tx.put(state.passwords, user, new Stored(hash, now, s.lockedUntil()));
            return true;
        });
    }

    @Override
    protected void lock(UserId user, Instant until) {
        transactor.write(tx -> {
            Stored s = state.passwords.get(user);
            return s == null ? null : tx.put(state.passwords, user, new Stored(s.hash(), s.updatedAt(), Optional.of(until)));
        });
    }

    @Override
    protected boolean delete(UserId user) {
        return transactor.write(tx -> tx.remove(state.passwords, user) != null);
    }

    private boolean live(UserId user) {
        User u = state.users.get(user);
        return u != null && !u.deleted();
    }
}
