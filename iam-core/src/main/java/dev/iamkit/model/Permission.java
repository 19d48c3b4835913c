package dev.iamkit.model;

/** An action on a feature, the unit a check asks about. Orders by feature id, then action. */
public record Permission(FeatureId featureId, String action) implements Comparable<Permission> {
    public Permission {
        Validate.notNull("featureId", featureId);
        action = Validate.action("action", action);
    }

    public static Permission of(FeatureId feature, String action) {
        return new Permission(feature, action);
    }

    @Override
    public int compareTo(Permission o) {
        int c = featureId.compareTo(o.featureId);
        return c != 0 ? c : action.compareTo(o.action);
    }
}
