package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.PASSWORD_CREDENTIAL;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.UserId;
import dev.iamkit.store.RateLimiter;
import dev.iamkit.support.PasswordCredentials;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * Passwords in {@code password_credential} (V20), in the identity scope. Each step is one
 * statement in autocommit, so a counted failure and its lock stay whatever follows; hashing
 * happens before, with no connection held.
 */
final class JooqCredentialStore extends PasswordCredentials {
    private final Sql sql;

    JooqCredentialStore(Sql sql, Clock clock, RateLimiter limits, PasswordPolicy policy) {
        super(clock, limits, policy);
        this.sql = sql;
    }

    @Override
    protected Optional<Stored> load(UserId user) {
        return sql.read(Scope.IDENTITY, ctx -> ctx.select(PASSWORD_CREDENTIAL.HASH, PASSWORD_CREDENTIAL.UPDATED_AT, PASSWORD_CREDENTIAL.LOCKED_UNTIL)
                .from(PASSWORD_CREDENTIAL).join(APP_USER).on(APP_USER.ID.eq(PASSWORD_CREDENTIAL.USER_ID))
                .where(PASSWORD_CREDENTIAL.USER_ID.eq(user.value()), APP_USER.DELETED_AT.isNull())
                .fetchOptional(r -> new Stored(r.value1(), Times.api(r.value2()), Times.opt(r.value3()))));
    }

    /** One upsert that inserts only for a live user: no row written means no such user. */
    @Override
    protected void write(UserId user, String hash, Instant now) {
        int written = sql.autocommit(Scope.IDENTITY, ctx -> ctx.insertInto(PASSWORD_CREDENTIAL,
                        PASSWORD_CREDENTIAL.USER_ID, PASSWORD_CREDENTIAL.HASH, PASSWORD_CREDENTIAL.UPDATED_AT, PASSWORD_CREDENTIAL.LOCKED_UNTIL)
                .select(DSL.select(APP_USER.ID, DSL.val(hash), DSL.val(Times.db(now)), DSL.val((OffsetDateTime) null))
                        .from(APP_USER).where(APP_USER.ID.eq(user.value()), APP_USER.DELETED_AT.isNull()))
                .onConflict(PASSWORD_CREDENTIAL.USER_ID).doUpdate()
                .set(PASSWORD_CREDENTIAL.HASH, DSL.excluded(PASSWORD_CREDENTIAL.HASH))
                .set(PASSWORD_CREDENTIAL.UPDATED_AT, DSL.excluded(PASSWORD_CREDENTIAL.UPDATED_AT))
                .set(PASSWORD_CREDENTIAL.LOCKED_UNTIL, DSL.excluded(PASSWORD_CREDENTIAL.LOCKED_UNTIL))
                .execute());
        if (written == 0) {
            throw new NotFoundException("user", user);
        }
    }

    @Override
    protected boolean replace(UserId user, String expected, String hash, Instant now) {
        return sql.autocommit(Scope.IDENTITY, ctx -> ctx.update(PASSWORD_CREDENTIAL)
                .set(PASSWORD_CREDENTIAL.HASH, hash).set(PASSWORD_CREDENTIAL.UPDATED_AT, Times.db(now))
                .where(PASSWORD_CREDENTIAL.USER_ID.eq(user.value()), PASSWORD_CREDENTIAL.HASH.eq(expected))
                .execute()) > 0;
    }

    @Override
    protected void lock(UserId user, Instant until) {
        sql.autocommit(Scope.IDENTITY, ctx -> ctx.update(PASSWORD_CREDENTIAL).set(PASSWORD_CREDENTIAL.LOCKED_UNTIL, Times.db(until))
                .where(PASSWORD_CREDENTIAL.USER_ID.eq(user.value())).execute());
    }

    @Override
    protected boolean delete(UserId user) {
        return sql.autocommit(Scope.IDENTITY, ctx -> ctx.deleteFrom(PASSWORD_CREDENTIAL)
                .where(PASSWORD_CREDENTIAL.USER_ID.eq(user.value())).execute()) > 0;
    }
}
