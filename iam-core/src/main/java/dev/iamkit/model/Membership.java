package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A user's membership of an organization: at most one per (organization, user). {@code joinedAt}
 * is set the first time the membership becomes {@code ACTIVE}.
 */
public record Membership(
        OrgId orgId,
        UserId userId,
        OrgRole role,
        MembershipStatus status,
        Optional<Instant> joinedAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public Membership {
        Validate.notNull("orgId", orgId);
        Validate.notNull("userId", userId);
        Validate.notNull("role", role);
        Validate.notNull("status", status);
        joinedAt = Validate.instant("joinedAt", joinedAt);
        Validate.version("version", version);
        createdAt = Validate.instant("createdAt", createdAt);
        updatedAt = Validate.instant("updatedAt", updatedAt);
    }

    public Membership withRole(OrgRole v) {
        return new Membership(orgId, userId, v, status, joinedAt, version, createdAt, updatedAt);
    }

    public Membership withStatus(MembershipStatus v) {
        return new Membership(orgId, userId, role, v, joinedAt, version, createdAt, updatedAt);
    }
}
