package dev.iamkit.model;

import java.util.UUID;

/** Identifies a view. */
public record ViewId(UUID value) implements Id<ViewId> {
    public ViewId {
        value = Ids.require("viewId", value);
    }

    public static ViewId of(UUID value) {
        return new ViewId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code viewId}. */
    public static ViewId parse(String text) {
        return new ViewId(Ids.parse("viewId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
