package dev.iamkit.catalog;

import dev.iamkit.model.MenuItem;
import dev.iamkit.model.Validate;
import java.util.List;
import java.util.Optional;

/**
 * A menu item as a catalog file declares it: its label, the code of the view it opens (empty: a
 * group), its position among its siblings and its sub-items. An item is known by its label among
 * its siblings, so siblings' labels are unique.
 */
public record MenuSpec(String label, Optional<String> view, int position, List<MenuSpec> children) {
    public MenuSpec {
        label = Validate.text("label", label, 1, Validate.NAME_MAX);
        view = Validate.present("view", view).map(v -> Validate.code("view", v));
        position = Validate.range("position", position, MenuItem.POSITION_MIN, MenuItem.POSITION_MAX);
        children = Specs.list("children", children);
        Specs.unique("children", children.stream().map(MenuSpec::label).toList(), "label");
    }
}
