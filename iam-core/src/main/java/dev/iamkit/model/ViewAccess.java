package dev.iamkit.model;

/** One view rule to give a role: ALLOW or DENY access to a view. */
public record ViewAccess(ViewId viewId, Effect effect) {
    public ViewAccess {
        Validate.notNull("viewId", viewId);
        Validate.notNull("effect", effect);
    }

    public static ViewAccess allow(ViewId view) {
        return new ViewAccess(view, Effect.ALLOW);
    }

    public static ViewAccess deny(ViewId view) {
        return new ViewAccess(view, Effect.DENY);
    }
}
