package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
/**
 * A point in the history of one organization's access data. Every committed change to its
 * memberships, teams, roles, grants, assignments, entitlements or status increases it by one,
 * atomically with the change; a new organization starts at 0. Pass it to
 * {@link dev.iamkit.authz.Consistency#atLeast} to have answers that are never older than it (the
 * idea of Zanzibar's zookies). Revisions of different organizations are not comparable.
 */
public record Revision(OrgId orgId, long value) implements Comparable<Revision> {
    public Revision {
        Validate.notNull("orgId", orgId);
        if (value < 0) {
            throw new dev.iamkit.error.ValidationException("revision", "must not be negative");
        }
    }

    public static Revision of(OrgId org, long value) {
        return new Revision(org, value);
    }

    /** True if this revision is the same as or later than {@code other}, which must be of the same organization. */
    public boolean isAtLeast(Revision other) {
        return compareTo(other) >= 0;
    }

    /** @throws dev.iamkit.error.ValidationException when the revisions belong to different organizations */
    @Override
    public int compareTo(Revision other) {
        if (!orgId.equals(other.orgId)) {
            throw new ValidationException("revision", "revisions of different organizations are not comparable");
        }
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return orgId + "@" + value;
    }
}
