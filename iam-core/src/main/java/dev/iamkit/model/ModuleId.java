package dev.iamkit.model;

import java.util.UUID;

/** Identifies a module. */
public record ModuleId(UUID value) implements Id<ModuleId> {
    public ModuleId {
        value = Ids.require("moduleId", value);
    }

    public static ModuleId of(UUID value) {
        return new ModuleId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code moduleId}. */
    public static ModuleId parse(String text) {
        return new ModuleId(Ids.parse("moduleId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
