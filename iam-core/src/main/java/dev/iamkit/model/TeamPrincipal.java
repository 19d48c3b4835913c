package dev.iamkit.model;

/** A role assigned to a team, and through it to each of its members. */
public record TeamPrincipal(TeamId teamId) implements Principal {
    public TeamPrincipal {
        Validate.notNull("teamId", teamId);
    }
}
