package dev.iamkit.model;

/** Who a role is assigned to: a user directly, or a team (and so every member of it). */
public sealed interface Principal permits UserPrincipal, TeamPrincipal {
    static UserPrincipal user(UserId id) {
        return new UserPrincipal(id);
    }

    static TeamPrincipal team(TeamId id) {
        return new TeamPrincipal(id);
    }
}
