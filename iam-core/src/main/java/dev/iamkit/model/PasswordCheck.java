package dev.iamkit.model;

/** The answer of {@link dev.iamkit.store.CredentialStore#verify}. */
public enum PasswordCheck {
    /** The password is the user's. */
    OK,
    /** The password is not the user's; the failure was counted against the lockout. */
    WRONG,
    /** Too many wrong passwords in the current lockout window: the password was not checked. */
    LOCKED_OUT,
    /** The user has no password, does not exist or is deleted. */
    NO_PASSWORD;

    public boolean ok() {
        return this == OK;
    }
}
