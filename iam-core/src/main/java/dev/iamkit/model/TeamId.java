package dev.iamkit.model;

import java.util.UUID;

/** Identifies a team. */
public record TeamId(UUID value) implements Id<TeamId> {
    public TeamId {
        value = Ids.require("teamId", value);
    }

    public static TeamId of(UUID value) {
        return new TeamId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code teamId}. */
    public static TeamId parse(String text) {
        return new TeamId(Ids.parse("teamId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
