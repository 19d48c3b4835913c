package dev.iamkit.model;

import java.util.UUID;

/** Identifies a audit event. */
public record AuditEventId(UUID value) implements Id<AuditEventId> {
    public AuditEventId {
        value = Ids.require("auditEventId", value);
    }

    public static AuditEventId of(UUID value) {
        return new AuditEventId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code auditEventId}. */
    public static AuditEventId parse(String text) {
        return new AuditEventId(Ids.parse("auditEventId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
