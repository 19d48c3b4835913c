package dev.iamkit.catalog;

import dev.iamkit.model.NewFeature;
import java.util.List;
import java.util.SortedSet;

/** A feature as a catalog file declares it: its fields, its actions and the codes of the views that show it. */
public record FeatureSpec(String code, String name, String description, SortedSet<String> actions, List<String> views) {
    public FeatureSpec {
        NewFeature f = new NewFeature(code, name, description, actions);
        code = f.code();
        name = f.name();
        description = f.description();
        actions = f.actions();
        views = Specs.codes("views", views);
    }
}
