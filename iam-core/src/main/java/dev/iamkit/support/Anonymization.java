package dev.iamkit.support;

import dev.iamkit.model.Session;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import java.time.Instant;
import java.util.Optional;

/** What {@link dev.iamkit.store.PrivacyStore#anonymize} leaves of a user and a session, the same in every store. */
public final class Anonymization {
    public static final String DISPLAY_NAME = "Anonymized user";
    /** A reserved top-level domain (RFC 2606): the address is unique per user and can never be delivered. */
    public static final String EMAIL_DOMAIN = "anonymized.invalid";

    private Anonymization() {
    }

    public static String email(User u) {
        return "anonymized-" + u.id().value() + "@" + EMAIL_DOMAIN;
    }

    /** The user without personal data and inactive, one version on; {@code u} itself when it already is anonymized. */
    public static User user(User u, Instant now) {
        if (u.email().equals(email(u)) && u.displayName().equals(DISPLAY_NAME) && u.status() == UserStatus.INACTIVE
                && u.emailVerifiedAt().isEmpty()) {
            return u;
        }
        return new User(u.id(), email(u), DISPLAY_NAME, UserStatus.INACTIVE, Optional.empty(), u.version() + 1, u.createdAt(), now,
                u.deletedAt());
    }

    /** The session revoked (a revoked one keeps its first time) and without device name, IP or user agent. */
    public static Session session(Session s, Instant now) {
        Session r = s.revoked(now);
        return new Session(r.id(), r.userId(), r.orgId(), Optional.empty(), Optional.empty(), Optional.empty(), r.createdAt(),
                r.lastSeenAt(), r.expiresAt(), r.revokedAt());
    }
}
