package dev.iamkit.model;

import java.util.List;

/** One visible menu item with its visible children, ordered by position, then id. */
public record MenuNode(MenuItem item, List<MenuNode> children) {
    public MenuNode {
        Validate.notNull("item", item);
        children = List.copyOf(Validate.notNull("children", children));
    }
}
