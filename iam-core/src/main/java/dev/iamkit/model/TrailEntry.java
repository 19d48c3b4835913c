package dev.iamkit.model;

import java.time.Instant;

/** A user's latest visit of a view in an organization: one per (organization, user, view). */
public record TrailEntry(OrgId orgId, UserId userId, ViewId viewId, Instant visitedAt) {
    public TrailEntry {
        Validate.notNull("orgId", orgId);
        Validate.notNull("userId", userId);
        Validate.notNull("viewId", viewId);
        visitedAt = Validate.instant("visitedAt", visitedAt);
    }
}
