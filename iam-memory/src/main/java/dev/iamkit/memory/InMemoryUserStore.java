package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Users, kept forever: a delete only stamps {@code deletedAt}. Emails are stored lower-cased. */
final class InMemoryUserStore implements UserStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    private final AuthzCache cache;
    private final UserRows rows;

    InMemoryUserStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache, UserRows rows) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
        this.cache = cache;
        this.rows = rows;
    }

    @Override
    public User create(NewUser user) {
        Validate.notNull("user", user);
        return transactor.write(tx -> {
            requireFreeEmail(user.email(), null);
            Instant now = clock.instant();
            User created = new User(new UserId(Uuid7.next(clock)), user.email(), user.displayName(), user.status(),
                    Optional.empty(), 0, now, now, Optional.empty());
            rows.write(tx, created);
            return created;
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> rows.find(id));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String e = Validate.emailLookup("email", email);
        return transactor.read(() -> rows.liveWithEmail(e));
    }

    @Override
    public Page<User> list(PageRequest page) {
        Validate.notNull("page", page);
        return transactor.read(() -> {
            Page<User> stored = Paging.byId(state.users, page, UserId::new, u -> !u.deleted(), User::id);
            return new Page<>(stored.items().stream().map(rows::open).toList(), stored.nextCursor(), stored.limit());
        });
    }

    @Override
    public User update(User changed) {
        Validate.notNull("changed", changed);
        return transactor.write(tx -> {
            User stored = requireLive(changed.id());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("user", changed.id(), changed.version());
            }
            requireFreeEmail(changed.email(), changed.id());
            User updated = new User(stored.id(), changed.email(), changed.displayName(), changed.status(), changed.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), clock.instant(), stored.deletedAt());
            rows.write(tx, updated);
            if (updated.status() != stored.status()) {
                tx.accessChanged(cache);   // the user may be a member anywhere
            }
            return updated;
        });
    }

    @Override
    public User delete(UserId id) {
        Validate.notNull("id", id);
        return transactor.write(tx -> {
            User stored = requireLive(id);
            Instant now = clock.instant();
            User deleted = new User(stored.id(), stored.email(), stored.displayName(), stored.status(), stored.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), now, Optional.of(now));
            rows.write(tx, deleted);
            tx.accessChanged(cache);
            return deleted;
        });
    }

    @Override
    public User restore(UserId id) {
        Validate.notNull("id", id);
        return transactor.write(tx -> {
            User stored = rows.find(id).orElseThrow(() -> new NotFoundException("user", id));
            if (!stored.deleted()) {
                return stored;
            }
            requireFreeEmail(stored.email(), id);
            User restored = new User(stored.id(), stored.email(), stored.displayName(), stored.status(), stored.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), clock.instant(), Optional.empty());
            rows.write(tx, restored);
            tx.accessChanged(cache);
            return restored;
        });
    }

    private User requireLive(UserId id) {
        User u = state.users.get(id);
        if (u == null || u.deleted()) {
            throw new NotFoundException("user", id);
        }
        return rows.open(u);
    }

    private void requireFreeEmail(String email, UserId self) {
        Optional<User> holder = rows.liveWithEmail(email);
        if (holder.isPresent() && !holder.get().id().equals(self)) {
            throw new AlreadyExistsException("user", "email", email);
        }
    }
}
