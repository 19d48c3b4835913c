package dev.iamkit.catalog;

import dev.iamkit.model.Effect;
import dev.iamkit.model.Validate;

/** A role template's grant of one view, by the view's code. */
public record ViewGrantSpec(String view, Effect effect) {
    public ViewGrantSpec {
        view = Validate.code("view", view);
        Validate.notNull("effect", effect);
    }
}
