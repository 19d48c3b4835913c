package dev.iamkit.model;

import java.util.Optional;

/**
 * What it takes to create a menu item: where it goes ({@code parentId}, empty for the top level),
 * the view it opens ({@code viewId}; empty makes it a group), its label and its position among its
 * siblings. Use {@link #group} or {@link #link}, then {@link #under} to place it below another item.
 */
public record NewMenuItem(Optional<MenuItemId> parentId, Optional<ViewId> viewId, String label, int position) {
    public NewMenuItem {
        parentId = Validate.present("parentId", parentId);
        viewId = Validate.present("viewId", viewId);
        label = MenuItem.label(label);
        position = MenuItem.position(position);
    }

    /** A top-level group: an item without a view, shown only when something below it is. */
    public static NewMenuItem group(String label, int position) {
        return new NewMenuItem(Optional.empty(), Optional.empty(), label, position);
    }

    /** A top-level item that opens {@code view}. */
    public static NewMenuItem link(ViewId view, String label, int position) {
        return new NewMenuItem(Optional.empty(), Optional.of(Validate.notNull("viewId", view)), label, position);
    }

    /** The same item, below {@code parent}. */
    public NewMenuItem under(MenuItemId parent) {
        return new NewMenuItem(Optional.of(Validate.notNull("parentId", parent)), viewId, label, position);
    }
}
