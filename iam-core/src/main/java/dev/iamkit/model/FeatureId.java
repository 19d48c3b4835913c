package dev.iamkit.model;

import java.util.UUID;

/** Identifies a feature. */
public record FeatureId(UUID value) implements Id<FeatureId> {
    public FeatureId {
        value = Ids.require("featureId", value);
    }

    public static FeatureId of(UUID value) {
        return new FeatureId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code featureId}. */
    public static FeatureId parse(String text) {
        return new FeatureId(Ids.parse("featureId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
