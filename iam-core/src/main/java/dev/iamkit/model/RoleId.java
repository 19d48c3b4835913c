package dev.iamkit.model;

import java.util.UUID;

/** Identifies a role. */
public record RoleId(UUID value) implements Id<RoleId> {
    public RoleId {
        value = Ids.require("roleId", value);
    }

    public static RoleId of(UUID value) {
        return new RoleId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code roleId}. */
    public static RoleId parse(String text) {
        return new RoleId(Ids.parse("roleId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
