package dev.iamkit.model;

/**
 * A session and its refresh token, as {@code create} and {@code refresh} return them. The token
 * is shown here once: the store keeps only its SHA-256 digest, so it cannot be read back.
 * {@link #toString} leaves the token out, so logging this record leaks nothing.
 */
public record IssuedSession(Session session, String refreshToken) {
    public IssuedSession {
        Validate.notNull("session", session);
        Validate.string("refreshToken", refreshToken);
    }

    @Override
    public String toString() {
        return "IssuedSession[session=" + session + ", refreshToken=<hidden>]";
    }
}
