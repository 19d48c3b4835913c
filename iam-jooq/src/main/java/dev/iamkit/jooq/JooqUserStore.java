package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.jooq.generated.tables.records.AppUserRecord;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.UserStore;
import java.time.Clock;
import java.time.Instant;
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

    JooqUserStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public User create(NewUser user) {
        Validate.notNull("user", user);
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            requireFreeEmail(ctx, user.email(), null);
            Instant now = clock.instant();
            User created = new User(new UserId(Uuid7.next(clock)), user.email(), user.displayName(), user.status(),
                    Optional.empty(), 0, now, now, Optional.empty());
            ctx.insertInto(APP_USER).set(record(created)).execute();
            return created;
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.IDENTITY, APP_USER, APP_USER.ID, id.value(), false).map(JooqUserStore::user);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String e = Validate.emailLookup("email", email);
        return sql.find(Scope.IDENTITY, APP_USER, APP_USER.EMAIL, e, true).map(JooqUserStore::user);
    }

    @Override
    public Page<User> list(PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return sql.read(Scope.IDENTITY, ctx -> Page.fromOverfetch(ctx.selectFrom(APP_USER)
                .where(APP_USER.DELETED_AT.isNull())
                .and(after.map(APP_USER.ID::gt).orElse(DSL.noCondition()))
                .orderBy(APP_USER.ID)
                .limit(page.limit() + 1)
                .fetch(JooqUserStore::user), page.limit(), u -> u.id().toString()));
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
                Sql.accessChanged(ctx);   // the user may be a member of any organization
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
            User stored = ctx.selectFrom(APP_USER).where(APP_USER.ID.eq(id.value())).forUpdate()
                    .fetchOptional().map(JooqUserStore::user)
                    .orElseThrow(() -> new NotFoundException("user", id));
            if (!stored.deleted()) {
                return stored;
            }
            requireFreeEmail(ctx, stored.email(), id);
            User restored = new User(stored.id(), stored.email(), stored.displayName(), stored.status(), stored.emailVerifiedAt(),
                    stored.version() + 1, stored.createdAt(), clock.instant(), Optional.empty());
            store(ctx, restored);
            Sql.accessChanged(ctx);
            return restored;
        });
    }

    private static void store(DSLContext ctx, User u) {
        ctx.update(APP_USER).set(record(u)).where(APP_USER.ID.eq(u.id().value())).execute();
    }

    /** Reads and locks a live user, so a concurrent update waits and then sees the new version. */
    private static User lockLive(DSLContext ctx, UserId id) {
        return ctx.selectFrom(APP_USER).where(APP_USER.ID.eq(id.value()), APP_USER.DELETED_AT.isNull())
                .forUpdate().fetchOptional().map(JooqUserStore::user)
                .orElseThrow(() -> new NotFoundException("user", id));
    }

    /**
     * Written as the unique index's column and predicate, so the index answers it. Emails are
     * stored lower-cased (a CHECK says so); matching lower(email) instead would scan every user,
     * as lower() is not leakproof and row level security keeps it from the index (V12).
     */
    private static Condition liveWithEmail(String lowerCased) {
        return APP_USER.EMAIL.eq(lowerCased).and(APP_USER.DELETED_AT.isNull());
    }

    /** The unique index is the real guard; this check names the email before the write fails on it. */
    private static void requireFreeEmail(DSLContext ctx, String email, UserId self) {
        if (ctx.fetchExists(APP_USER, liveWithEmail(email),
                self == null ? DSL.noCondition() : APP_USER.ID.ne(self.value()))) {
            throw new AlreadyExistsException("user", "email", email);
        }
    }

    private static AppUserRecord record(User u) {
        AppUserRecord r = new AppUserRecord();
        r.setId(u.id().value());
        r.setEmail(u.email());
        r.setDisplayName(u.displayName());
        r.setStatus(u.status().name());
        r.setEmailVerifiedAt(Times.db(u.emailVerifiedAt()));
        r.setVersion(u.version());
        r.setCreatedAt(Times.db(u.createdAt()));
        r.setUpdatedAt(Times.db(u.updatedAt()));
        r.setDeletedAt(Times.db(u.deletedAt()));
        return r;
    }

    static User user(AppUserRecord r) {
        return new User(new UserId(r.getId()), r.getEmail(), r.getDisplayName(), UserStatus.valueOf(r.getStatus()),
                Times.opt(r.getEmailVerifiedAt()), r.getVersion(), Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()),
                Times.opt(r.getDeletedAt()));
    }
}
