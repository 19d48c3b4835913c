package dev.iamkit.model;

import java.util.UUID;

/** Identifies a organization. */
public record OrgId(UUID value) implements Id<OrgId> {
    public OrgId {
        value = Ids.require("orgId", value);
    }

    public static OrgId of(UUID value) {
        return new OrgId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code orgId}. */
    public static OrgId parse(String text) {
        return new OrgId(Ids.parse("orgId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
