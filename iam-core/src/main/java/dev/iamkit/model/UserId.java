package dev.iamkit.model;

import java.util.UUID;

/** Identifies a user. */
public record UserId(UUID value) implements Id<UserId> {
    public UserId {
        value = Ids.require("userId", value);
    }

    public static UserId of(UUID value) {
        return new UserId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code userId}. */
    public static UserId parse(String text) {
        return new UserId(Ids.parse("userId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
