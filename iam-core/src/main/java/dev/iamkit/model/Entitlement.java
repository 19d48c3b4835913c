package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/** An organization's right to use a module: unique per (organization, module). */
public record Entitlement(OrgId orgId, ModuleId moduleId, boolean enabled, Optional<Instant> expiresAt, Instant createdAt, Instant updatedAt) {
    public Entitlement {
        Validate.notNull("orgId", orgId);
        Validate.notNull("moduleId", moduleId);
        expiresAt = Validate.instant("expiresAt", expiresAt);
        createdAt = Validate.instant("createdAt", createdAt);
        updatedAt = Validate.instant("updatedAt", updatedAt);
    }

    /** Enabled, and not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return enabled && expiresAt.map(now::isBefore).orElse(true);
    }
}
