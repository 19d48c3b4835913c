package dev.iamkit.catalog;

import dev.iamkit.model.NewModule;
import java.util.List;

/**
 * A module as a catalog file declares it: its fields and the codes of the features and views it
 * contains (links, by code).
 */
public record ModuleSpec(String code, String name, String description, boolean enabled, int priority, List<String> features, List<String> views) {
    public ModuleSpec {
        NewModule m = new NewModule(code, name, description, enabled, priority);
        code = m.code();
        name = m.name();
        description = m.description();
        features = Specs.codes("features", features);
        views = Specs.codes("views", views);
    }
}
