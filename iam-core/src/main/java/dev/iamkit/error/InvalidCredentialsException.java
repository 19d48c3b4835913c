package dev.iamkit.error;

/**
 * A secret presented to the library (a magic-link token) was not accepted: unknown, wrong,
 * expired, already used or locked. The message says which, in words.
 */
public class InvalidCredentialsException extends IamException {
    public InvalidCredentialsException(String message) {
        super(message);
    }
}
