package dev.iamkit.error;

/**
 * A presented secret (a refresh token, an API key) is not accepted: unknown, malformed, expired,
 * revoked, or an already rotated refresh token. The message never says which, nor echoes the
 * secret, so a caller learns nothing it could use to guess one; the host answers 401.
 */
public class InvalidCredentialsException extends IamException {
    public InvalidCredentialsException(String what) {
        super(what + " is not valid");
    }
}
