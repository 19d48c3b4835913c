package dev.iamkit.model;

import java.util.Collection;
import java.util.SortedSet;

/**
 * A capability that grants refer to, with the set of actions it supports (e.g. {@code read},
 * {@code create}, {@code approve}). {@code code} is unique. Removing an action from a feature
 * removes the grants of that action in every organization.
 */
public record Feature(FeatureId id, String code, String name, String description, SortedSet<String> actions) {
    public Feature {
        Validate.notNull("id", id);
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        actions = Validate.actions("actions", actions);
    }

    public boolean supports(String action) {
        return actions.contains(Validate.string("action", action));
    }

    public Feature withName(String v) {
        return new Feature(id, code, v, description, actions);
    }

    public Feature withDescription(String v) {
        return new Feature(id, code, name, v, actions);
    }

    public Feature withActions(Collection<String> v) {
        return new Feature(id, code, name, description, Validate.actions("actions", v));
    }
}
