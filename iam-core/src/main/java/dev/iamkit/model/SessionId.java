package dev.iamkit.model;

import java.util.UUID;

/** Identifies a session. */
public record SessionId(UUID value) implements Id<SessionId> {
    public SessionId {
        value = Ids.require("sessionId", value);
    }

    public static SessionId of(UUID value) {
        return new SessionId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code sessionId}. */
    public static SessionId parse(String text) {
        return new SessionId(Ids.parse("sessionId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
