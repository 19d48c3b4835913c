package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/** A role given to a user or a team, unique per (organization, role, principal); optionally expiring. */
public record Assignment(OrgId orgId, RoleId roleId, Principal principal, String grantedBy, Instant grantedAt, Optional<Instant> expiresAt) {
    public Assignment {
        Validate.notNull("orgId", orgId);
        Validate.notNull("roleId", roleId);
        Validate.notNull("principal", principal);
        grantedBy = Validate.text("grantedBy", grantedBy, 1, Actor.LABEL_MAX);
        grantedAt = Validate.instant("grantedAt", grantedAt);
        expiresAt = Validate.instant("expiresAt", expiresAt);
    }

    /** True unless the assignment has an expiry at or before {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }
}
