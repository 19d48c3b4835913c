package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A user's sign-in on one client. {@code lastSeenAt} moves on each refresh; {@code expiresAt}
 * does not. A session is active while it is not revoked and its expiry is after the clock's now.
 * The refresh token is not part of it: only its digest is stored.
 */
public record Session(SessionId id, UserId userId, Optional<OrgId> orgId, Optional<String> deviceName, Optional<String> ip,
        Optional<String> userAgent, Instant createdAt, Instant lastSeenAt, Instant expiresAt, Optional<Instant> revokedAt) {
    public Session {
        Validate.notNull("id", id);
        Validate.notNull("userId", userId);
        Validate.present("orgId", orgId);
        deviceName = Validate.string("deviceName", deviceName);
        ip = Validate.string("ip", ip);
        userAgent = Validate.string("userAgent", userAgent);
        createdAt = Validate.instant("createdAt", createdAt);
        lastSeenAt = Validate.instant("lastSeenAt", lastSeenAt);
        expiresAt = Validate.instant("expiresAt", expiresAt);
        revokedAt = Validate.instant("revokedAt", revokedAt);
    }

    /** This session as a refresh at {@code now} leaves it. */
    public Session seenAt(Instant now) {
        return new Session(id, userId, orgId, deviceName, ip, userAgent, createdAt, now, expiresAt, revokedAt);
    }

    /** This session revoked at {@code now}; one already revoked keeps its first time. */
    public Session revoked(Instant now) {
        return revokedAt.isPresent() ? this
                : new Session(id, userId, orgId, deviceName, ip, userAgent, createdAt, lastSeenAt, expiresAt, Optional.of(now));
    }

    /** Not revoked and not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.isAfter(now);
    }
}
