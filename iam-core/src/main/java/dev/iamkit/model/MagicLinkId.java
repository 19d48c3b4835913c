package dev.iamkit.model;

import java.util.UUID;

/** Identifies a magic-link challenge. */
public record MagicLinkId(UUID value) implements Id<MagicLinkId> {
    public MagicLinkId {
        value = Ids.require("magicLinkId", value);
    }

    public static MagicLinkId of(UUID value) {
        return new MagicLinkId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code magicLinkId}. */
    public static MagicLinkId parse(String text) {
        return new MagicLinkId(Ids.parse("magicLinkId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
