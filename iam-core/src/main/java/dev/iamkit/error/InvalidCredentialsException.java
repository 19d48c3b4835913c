package dev.iamkit.error;

/**
 * A presented secret (a refresh token, an API key, a magic-link token) is not accepted: unknown,
 * malformed, wrong, expired, revoked, used, locked, or an already rotated refresh token. The
 * message never echoes the secret; the host answers 401.
 */
public class InvalidCredentialsException extends IamException {
    public InvalidCredentialsException(String message) {
        super(message);
    }
}
