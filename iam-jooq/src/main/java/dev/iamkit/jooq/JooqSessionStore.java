package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.ORGANIZATION;
import static dev.iamkit.jooq.generated.Tables.SESSION_TOKEN;
import static dev.iamkit.jooq.generated.Tables.USER_SESSION;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.jooq.generated.tables.records.SessionTokenRecord;
import dev.iamkit.jooq.generated.tables.records.UserSessionRecord;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Session;
import dev.iamkit.model.SessionId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.SessionStore;
import dev.iamkit.support.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Sessions in {@code user_session}, tokens' digests in {@code session_token} (V8). A refresh
 * locks the presented token's row, so of two refreshes racing with one token the second sees it
 * rotated and revokes the session, as a replay would.
 */
final class JooqSessionStore implements SessionStore {
    private static final String ENTITY = "session";
    private static final String TOKEN = "refresh token";

    private final Sql sql;
    private final Clock clock;

    JooqSessionStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public IssuedSession create(NewSession session) {
        Validate.notNull("session", session);
        Instant now = now();
        session.requireExpiryAfter(now);
        return sql.global(Scope.IDENTITY, ctx -> {
            // Key share: a concurrent hard delete of the user waits for this insert. The identity scope
            // may read organizations but not lock them (V12); a purge racing with this insert is
            // refused by the foreign key instead, reported as the missing organization.
            boolean user = ctx.fetchExists(ctx.selectOne().from(APP_USER)
                    .where(APP_USER.ID.eq(session.userId().value()), APP_USER.DELETED_AT.isNull()).forKeyShare());
            if (!user) {
                throw new NotFoundException("user", session.userId());
            }
            if (session.orgId().isPresent()) {
                OrgId org = session.orgId().get();
                if (!ctx.fetchExists(ctx.selectOne().from(ORGANIZATION)
                        .where(ORGANIZATION.ID.eq(org.value()), ORGANIZATION.DELETED_AT.isNull()))) {
                    throw new NotFoundException("organization", org);
                }
            }
            Session created = new Session(new SessionId(Uuid7.next(clock)), session.userId(), session.orgId(), session.deviceName(),
                    session.ip(), session.userAgent(), now, now, session.expiresAt(), Optional.empty());
            ctx.insertInto(USER_SESSION).set(record(created)).execute();
            return new IssuedSession(created, issue(ctx, created.id(), now));
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.IDENTITY, USER_SESSION, USER_SESSION.ID, id.value(), false)
                .map(JooqSessionStore::session);
    }

    @Override
    public IssuedSession refresh(String refreshToken) {
        byte[] digest = Secrets.digestOf(Secrets.REFRESH_PREFIX, refreshToken, TOKEN);
        // The outcome leaves the transaction first, so a revocation for reuse commits before the call throws.
        Optional<IssuedSession> outcome = sql.global(Scope.IDENTITY, ctx -> {
            SessionTokenRecord token = ctx.selectFrom(SESSION_TOKEN).where(SESSION_TOKEN.DIGEST.eq(digest)).forUpdate().fetchOne();
            if (token == null || !Secrets.same(token.getDigest(), digest)) {
                return Optional.<IssuedSession>empty();
            }
            Instant now = now();
            Session session = session(ctx.selectFrom(USER_SESSION).where(USER_SESSION.ID.eq(token.getSessionId())).forUpdate()
                    .fetchSingle());
            if (token.getRotatedAt() != null) {
                ctx.update(USER_SESSION).set(USER_SESSION.REVOKED_AT, Times.db(now))
                        .where(USER_SESSION.ID.eq(session.id().value()), USER_SESSION.REVOKED_AT.isNull()).execute();
                return Optional.<IssuedSession>empty();
            }
            if (!session.activeAt(now)) {
                return Optional.<IssuedSession>empty();
            }
            ctx.update(SESSION_TOKEN).set(SESSION_TOKEN.ROTATED_AT, Times.db(now)).where(SESSION_TOKEN.DIGEST.eq(digest)).execute();
            ctx.update(USER_SESSION).set(USER_SESSION.LAST_SEEN_AT, Times.db(now)).where(USER_SESSION.ID.eq(session.id().value()))
                    .execute();
            Session seen = session.seenAt(now);
            return Optional.of(new IssuedSession(seen, issue(ctx, seen.id(), now)));
        });
        return outcome.orElseThrow(() -> new InvalidCredentialsException(TOKEN + " is not valid"));
    }

    @Override
    public List<Session> listActive(UserId userId) {
        Validate.notNull("userId", userId);
        Instant now = now();
        return sql.read(Scope.IDENTITY, ctx -> ctx.selectFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId.value()), active(now))
                .orderBy(USER_SESSION.CREATED_AT, USER_SESSION.ID).fetch(JooqSessionStore::session));
    }

    @Override
    public Session revoke(SessionId id) {
        Validate.notNull("id", id);
        Instant now = now();
        return sql.global(Scope.IDENTITY, ctx -> {
            // the first revocation time is kept; one statement either way.
            Table<Record1<OffsetDateTime>> revocation = revocation(now);
            return ctx.update(USER_SESSION).set(USER_SESSION.REVOKED_AT, firstRevocation(revocation)).from(revocation)
                    .where(USER_SESSION.ID.eq(id.value())).returning(USER_SESSION.fields()).fetchOptional()
                    .map(r -> session(r.into(USER_SESSION)))
                    .orElseThrow(() -> new NotFoundException(ENTITY, id));
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        Validate.notNull("userId", userId);
        Instant now = now();
        return sql.global(Scope.IDENTITY, ctx -> ctx.update(USER_SESSION).set(USER_SESSION.REVOKED_AT, Times.db(now))
                .where(USER_SESSION.USER_ID.eq(userId.value()), active(now)).execute());
    }

    /**
     * The one-row table naming the time of a revocation, {@code at}: an update joins it and sets
     * {@link #firstRevocation}. Citus refuses a non-immutable function inside COALESCE, and a
     * timestamp parameter is cast from text (a stable function); out here it is evaluated once.
     */
    static Table<Record1<OffsetDateTime>> revocation(Instant now) {
        return DSL.select(DSL.val(Times.db(now)).as("at")).asTable("revocation");
    }

    /** A session's revocation time: the one it has, else the time of {@code revocation}. */
    static Field<OffsetDateTime> firstRevocation(Table<Record1<OffsetDateTime>> revocation) {
        return DSL.coalesce(USER_SESSION.REVOKED_AT, revocation.field("at", OffsetDateTime.class));
    }

    private static Condition active(Instant now) {
        return USER_SESSION.REVOKED_AT.isNull().and(USER_SESSION.EXPIRES_AT.gt(Times.db(now)));
    }

    private static String issue(DSLContext ctx, SessionId session, Instant now) {
        String token = Secrets.generate(Secrets.REFRESH_PREFIX);
        ctx.insertInto(SESSION_TOKEN).set(SESSION_TOKEN.DIGEST, Secrets.sha256(token)).set(SESSION_TOKEN.SESSION_ID, session.value())
                .set(SESSION_TOKEN.ISSUED_AT, Times.db(now)).execute();
        return token;
    }

    private static UserSessionRecord record(Session s) {
        UserSessionRecord r = new UserSessionRecord();
        r.setId(s.id().value());
        r.setUserId(s.userId().value());
        r.setCurrentOrgId(s.orgId().map(OrgId::value).orElse(null));
        r.setDeviceName(s.deviceName().orElse(null));
        r.setIp(s.ip().orElse(null));
        r.setUserAgent(s.userAgent().orElse(null));
        r.setCreatedAt(Times.db(s.createdAt()));
        r.setLastSeenAt(Times.db(s.lastSeenAt()));
        r.setExpiresAt(Times.db(s.expiresAt()));
        r.setRevokedAt(Times.db(s.revokedAt()));
        return r;
    }

    static Session session(UserSessionRecord r) {
        UUID org = r.getCurrentOrgId();
        return new Session(new SessionId(r.getId()), new UserId(r.getUserId()), Optional.ofNullable(org).map(OrgId::new),
                Optional.ofNullable(r.getDeviceName()), Optional.ofNullable(r.getIp()), Optional.ofNullable(r.getUserAgent()),
                Times.api(r.getCreatedAt()), Times.api(r.getLastSeenAt()), Times.api(r.getExpiresAt()), Times.opt(r.getRevokedAt()));
    }

    private Instant now() {
        return Validate.instant("now", clock.instant());
    }
}
