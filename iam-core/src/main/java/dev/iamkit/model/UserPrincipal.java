package dev.iamkit.model;

/** A role assigned to one user. */
public record UserPrincipal(UserId userId) implements Principal {
    public UserPrincipal {
        Validate.notNull("userId", userId);
    }
}
