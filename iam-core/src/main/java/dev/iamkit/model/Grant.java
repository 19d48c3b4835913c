package dev.iamkit.model;

/** One rule to give a role: ALLOW or DENY one action of one feature. */
public record Grant(FeatureId featureId, String action, Effect effect) {
    public Grant {
        Validate.notNull("featureId", featureId);
        action = Validate.action("action", action);
        Validate.notNull("effect", effect);
    }

    public static Grant allow(FeatureId feature, String action) {
        return new Grant(feature, action, Effect.ALLOW);
    }

    public static Grant deny(FeatureId feature, String action) {
        return new Grant(feature, action, Effect.DENY);
    }

    public static Grant allow(Feature feature, String action) {
        return allow(Validate.notNull("feature", feature).id(), action);
    }

    public static Grant deny(Feature feature, String action) {
        return deny(Validate.notNull("feature", feature).id(), action);
    }

    public Permission permission() {
        return new Permission(featureId, action);
    }
}
