package dev.iamkit.model;

import java.util.Collection;
import java.util.SortedSet;

/** What it takes to create a feature: a code, a name and at least one action. */
public record NewFeature(String code, String name, String description, SortedSet<String> actions) {
    public NewFeature {
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        actions = Validate.actions("actions", actions);
    }

    public NewFeature(String code, String name, Collection<String> actions) {
        this(code, name, "", Validate.actions("actions", actions));
    }
}
