package dev.iamkit.model;

import java.time.Instant;

/** A stored feature grant: unique per (organization, role, feature, action). */
public record FeatureGrant(OrgId orgId, RoleId roleId, FeatureId featureId, String action, Effect effect, String grantedBy, Instant grantedAt) {
    public FeatureGrant {
        Validate.notNull("orgId", orgId);
        Validate.notNull("roleId", roleId);
        Validate.notNull("featureId", featureId);
        action = Validate.action("action", action);
        Validate.notNull("effect", effect);
        grantedBy = Validate.text("grantedBy", grantedBy, 1, Actor.LABEL_MAX);
        grantedAt = Validate.instant("grantedAt", grantedAt);
    }

    public Grant toGrant() {
        return new Grant(featureId, action, effect);
    }
}
