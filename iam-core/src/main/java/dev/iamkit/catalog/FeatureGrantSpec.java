package dev.iamkit.catalog;

import dev.iamkit.model.Effect;
import dev.iamkit.model.Validate;

/** A role template's grant of one action of one feature, by the feature's code. */
public record FeatureGrantSpec(String feature, String action, Effect effect) {
    public FeatureGrantSpec {
        feature = Validate.code("feature", feature);
        action = Validate.action("action", action);
        Validate.notNull("effect", effect);
    }
}
