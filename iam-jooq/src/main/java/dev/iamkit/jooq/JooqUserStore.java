package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.USER_DATA_KEY;

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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Users, kept forever: a delete only stamps {@code deleted_at}. Emails are stored lower-cased and
 * looked up through the partial unique index {@code app_user_email_live}, which is also the guard
 * against two writers of one email. Every call runs in the identity scope (V12).
 */
final class JooqUserStore implements UserStore {
    private final Sql sql;
    private final Clock clock;
    private final JooqUserRows rows;

    JooqUserStore(Sql sql, Clock clock, JooqUserRows rows) {
        this.sql = sql;
        this.clock = clock;
        this.rows = rows;
    }

    @Override
    public User create(NewUser user) {
        Validate.notNull("user", user);
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            requireFreeEmail(ctx, user.email(), null);
            Instant now = clock.instant();
            User created = new User(new UserId(Uuid7.next(clock)), user.email(), user.displayName(), user.status(),
                    Optional.empty(), 0, now, now, Optional.empty());
            rows.insert(ctx, created);
            return created;
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.IDENTITY, APP_USER, APP_USER.ID, id.value(), false).map(this::open);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String e = Validate.emailLookup("email", email);
        // the blind index under the current key first: with encryption on, nearly every row is stored so;
        // then the plain address (a row not yet encrypted) and the indexes under older keys (not yet re-wrapped)
        List<String> forms = new java.util.ArrayList<>(rows.cipher().storedForms(e));
        if (forms.size() > 1) {
            forms.add(0, forms.remove(1));
        }
        for (String form : forms) {
            Optional<User> found = sql.find(Scope.IDENTITY, APP_USER, APP_USER.EMAIL, form, true).map(this::open);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * A row read alone opened: a sealed row's key is a second find by primary key. Two prepared
     * one-table finds cost less than one left join through the scoped exchange (measured on a busy
     * 2-core machine: a find by e-mail about 170 µs against 450 µs; 60 µs with encryption off).
     * The key stays in a table of its own so that a host can keep it out of long-lived backups.
     */
    private User open(dev.iamkit.jooq.generated.tables.records.AppUserRecord r) {
        return rows.user(r, id -> sql.find(Scope.IDENTITY, USER_DATA_KEY, USER_DATA_KEY.USER_ID, id, false));
    }

    @Override
    public Page<User> list(PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return sql.read(Scope.IDENTITY, ctx -> Page.fromOverfetch(JooqUserRows.select(ctx)
                .where(APP_USER.DELETED_AT.isNull())
                .and(after.map(APP_USER.ID::gt).orElse(DSL.noCondition()))
                .orderBy(APP_USER.ID)
                .limit(page.limit() + 1)
                .fetch(rows::user), page.limit(), u -> u.id().toString()));
    }

    @Override
    public User update(User changed) {
        Validate.notNull("changed", changed);
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            User stored = lockLive(ctx, changed.id());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("user", changed.id(), changed.version());
            }
            requireFreeEmail(ctx, changed.email(), changed.id());
            User updated = new User(stored.id(), changed.email(), changed.displayName(), changed.status(), changed.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), clock.instant(), stored.deletedAt());
            store(ctx, updated);
            if (updated.status() != stored.status()) {
                GlobalChanges.accessChanged(ctx);   // the user may be a member of any organization
            }
            return updated;
        });
    }

    @Override
    public User delete(UserId id) {
        Validate.notNull("id", id);
        return sql.globalChange(Scope.IDENTITY, ctx -> {
            User stored = lockLive(ctx, id);
            Instant now = clock.instant();
            User deleted = new User(stored.id(), stored.email(), stored.displayName(), stored.status(), stored.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), now, Optional.of(now));
            store(ctx, deleted);
            return deleted;
        });
    }

    @Override
    public User restore(UserId id) {
        Validate.notNull("id", id);
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            User stored = JooqUserRows.locked(ctx, APP_USER.ID.eq(id.value())).map(rows::user)
                    .orElseThrow(() -> new NotFoundException("user", id));
            if (!stored.deleted()) {
                return stored;
            }
            requireFreeEmail(ctx, stored.email(), id);
            User restored = new User(stored.id(), stored.email(), stored.displayName(), stored.status(), stored.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), clock.instant(), Optional.empty());
            store(ctx, restored);
            GlobalChanges.accessChanged(ctx);
            return restored;
        });
    }

    private void store(DSLContext ctx, User u) {
        rows.update(ctx, u);
    }

    /** Reads and locks a live user, so a concurrent update waits and then sees the new version. */
    private User lockLive(DSLContext ctx, UserId id) {
        return JooqUserRows.locked(ctx, APP_USER.ID.eq(id.value()).and(APP_USER.DELETED_AT.isNull())).map(rows::user)
                .orElseThrow(() -> new NotFoundException("user", id));
    }

    /**
     * Written as the unique index's column and predicate, so the index answers it. Emails are
     * stored lower-cased (a CHECK says so); matching lower(email) instead would scan every user,
     * as lower() is not leakproof and row level security keeps it from the index (V12). With
     * encryption on, the column holds the blind index: any of the e-mail's stored forms matches.
     */
    private Condition liveWithEmail(String lowerCased) {
        return rows.withEmail(lowerCased).and(APP_USER.DELETED_AT.isNull());
    }

    /** The unique index is the real guard; this check names the email before the write fails on it. */
    private void requireFreeEmail(DSLContext ctx, String email, UserId self) {
        if (ctx.fetchExists(APP_USER, liveWithEmail(email),
                self == null ? DSL.noCondition() : APP_USER.ID.ne(self.value()))) {
            throw new AlreadyExistsException("user", "email", email);
        }
    }
}
