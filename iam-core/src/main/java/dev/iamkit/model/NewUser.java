package dev.iamkit.model;

/** What it takes to create a user. The two-argument form creates an {@code ACTIVE} user. */
public record NewUser(String email, String displayName, UserStatus status) {
    public NewUser {
        email = Validate.email("email", email);
        displayName = Validate.name("displayName", displayName);
        Validate.notNull("status", status);
    }

    public NewUser(String email, String displayName) {
        this(email, displayName, UserStatus.ACTIVE);
    }
}
