package dev.iamkit.catalog;

import dev.iamkit.model.Validate;
import java.util.List;

/**
 * A role that every chosen organization gets: its code, name and description, its grants (by
 * feature code and action, and by view code) and the codes of the other templates it includes.
 * Applying it makes the organization's role of that code match it, grants included.
 */
public record RoleTemplate(String code, String name, String description, List<FeatureGrantSpec> grants, List<ViewGrantSpec> views,
                           List<String> includes) {
    public RoleTemplate {
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        grants = Specs.list("grants", grants);
        views = Specs.list("views", views);
        includes = Specs.codes("includes", includes);
        Specs.unique("grants", grants.stream().map(g -> g.feature() + " " + g.action()).toList(), "feature and action");
        Specs.unique("views", views.stream().map(ViewGrantSpec::view).toList(), "view");
        if (includes.contains(code)) {
            throw new dev.iamkit.error.ValidationException("includes[" + includes.indexOf(code) + "]", "a role cannot include itself");
        }
    }
}
