package dev.iamkit.store;

import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.Session;
import dev.iamkit.model.SessionId;
import dev.iamkit.model.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in sessions with rotating refresh tokens (global: a session belongs to a user, and
 * optionally names the organization it works in). Each refresh returns a new token and retires
 * the one presented; presenting a retired token again means it was copied, so the whole session
 * is revoked (reuse detection). Only SHA-256 digests of tokens are stored. Not audited: sessions
 * are not access data of an organization.
 *
 * <p>Results are never null. Each call is its own transaction.
 */
public interface SessionStore {

    /**
     * Starts a session and returns it with its first refresh token, shown only here.
     *
     * @throws dev.iamkit.error.ValidationException on {@code session} when null, or on
     *         {@code expiresAt} when it is not after the clock's now; nothing is written
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted, or the organization does not exist or is deleted
     */
    IssuedSession create(NewSession session);

    /** The session, active or not; empty when unknown. */
    Optional<Session> find(SessionId id);

    /**
     * Exchanges a refresh token for a new one: the presented token is retired, the session's
     * {@code lastSeenAt} becomes the clock's now, its expiry stays. A retired token presented
     * again revokes the session (and so every token of it) before this throws; that revocation
     * commits even though the call fails.
     *
     * @throws dev.iamkit.error.InvalidCredentialsException when the token is malformed, unknown,
     *         already retired (the session is then revoked), or its session is revoked or expired
     */
    IssuedSession refresh(String refreshToken);

    /** The user's sessions that are neither revoked nor expired at the clock's now, oldest first (by created, then id). */
    List<Session> listActive(UserId userId);

    /**
     * Revokes the session at the clock's now; revoking one already revoked keeps its first time.
     *
     * @throws dev.iamkit.error.NotFoundException when the session is unknown
     */
    Session revoke(SessionId id);

    /** Revokes every active session of the user (sign out everywhere); returns how many it revoked. */
    int revokeAll(UserId userId);
}
