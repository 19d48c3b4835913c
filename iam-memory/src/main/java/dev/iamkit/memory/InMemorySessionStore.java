package dev.iamkit.memory;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.memory.MemoryState.RefreshToken;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Session;
import dev.iamkit.model.SessionId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.SessionStore;
import dev.iamkit.support.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Sessions in maps; refresh tokens are kept by the hex of their SHA-256 digest, as the database keeps the digest. */
final class InMemorySessionStore implements SessionStore {
    static final String ENTITY = "session";
    static final String TOKEN = "refresh token";
    private static final Comparator<Session> ORDER = Comparator.comparing(Session::createdAt).thenComparing(Session::id);

    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemorySessionStore(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public IssuedSession create(NewSession session) {
        Validate.notNull("session", session);
        Instant now = now();
        session.requireExpiryAfter(now);
        return transactor.write(tx -> {
            User user = state.users.get(session.userId());
            if (user == null || user.deleted()) {
                throw new NotFoundException("user", session.userId());
            }
            session.orgId().ifPresent(org -> {
                Organization o = state.organizations.get(org);
                if (o == null || o.deleted()) {
                    throw new NotFoundException("organization", org);
                }
            });
            Session created = new Session(new SessionId(Uuid7.next(clock)), session.userId(), session.orgId(), session.deviceName(),
                    session.ip(), session.userAgent(), now, now, session.expiresAt(), Optional.empty());
            tx.put(state.sessions, created.id(), created);
            return new IssuedSession(created, issue(tx, created.id()));
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.sessions.get(id)));
    }

    @Override
    public IssuedSession refresh(String refreshToken) {
        String key = Secrets.hex(Secrets.digestOf(Secrets.REFRESH_PREFIX, refreshToken, TOKEN));
        // The outcome leaves the transaction first, so a revocation for reuse commits before the call throws.
        Object outcome = transactor.write(tx -> {
            RefreshToken token = state.refreshTokens.get(key);
            if (token == null) {
                return null;
            }
            Session session = state.sessions.get(token.session());
            Instant now = now();
            if (token.rotated()) {
                tx.put(state.sessions, session.id(), session.revoked(now));
                return null;
            }
            if (!session.activeAt(now)) {
                return null;
            }
            tx.put(state.refreshTokens, key, new RefreshToken(session.id(), true));
            Session seen = session.seenAt(now);
            tx.put(state.sessions, seen.id(), seen);
            return new IssuedSession(seen, issue(tx, seen.id()));
        });
        if (outcome instanceof IssuedSession issued) {
            return issued;
        }
        throw new InvalidCredentialsException(TOKEN + " is not valid");
    }

    @Override
    public List<Session> listActive(UserId userId) {
        Validate.notNull("userId", userId);
        return transactor.read(() -> {
            Instant now = now();
            return state.sessions.values().stream().filter(s -> s.userId().equals(userId) && s.activeAt(now)).sorted(ORDER).toList();
        });
    }

    @Override
    public Session revoke(SessionId id) {
        Validate.notNull("id", id);
        return transactor.write(tx -> {
            Session s = state.sessions.get(id);
            if (s == null) {
                throw new NotFoundException(ENTITY, id);
            }
            Session revoked = s.revoked(now());
            tx.put(state.sessions, id, revoked);
            return revoked;
        });
    }

    @Override
    public int revokeAll(UserId userId) {
        Validate.notNull("userId", userId);
        return transactor.write(tx -> {
            Instant now = now();
            List<Session> active = state.sessions.values().stream().filter(s -> s.userId().equals(userId) && s.activeAt(now)).toList();
            active.forEach(s -> tx.put(state.sessions, s.id(), s.revoked(now)));
            return active.size();
        });
    }

    private String issue(Tx tx, SessionId session) {
        String token = Secrets.generate(Secrets.REFRESH_PREFIX);
        tx.put(state.refreshTokens, Secrets.hex(Secrets.sha256(token)), new RefreshToken(session, false));
        return token;
    }

    private Instant now() {
        return Validate.instant("now", clock.instant());
    }
}
