package dev.iamkit.model;

import java.time.Instant;

/** A stored view grant: unique per (organization, role, view). */
public record ViewGrant(OrgId orgId, RoleId roleId, ViewId viewId, Effect effect, String grantedBy, Instant grantedAt) {
    public ViewGrant {
        Validate.notNull("orgId", orgId);
        Validate.notNull("roleId", roleId);
        Validate.notNull("viewId", viewId);
        Validate.notNull("effect", effect);
        grantedBy = Validate.text("grantedBy", grantedBy, 1, Actor.LABEL_MAX);
        grantedAt = Validate.instant("grantedAt", grantedAt);
    }

    public ViewAccess toAccess() {
        return new ViewAccess(viewId, effect);
    }
}
