package dev.iamkit.model;

import java.util.Optional;

/**
 * One entry of the global menu definition. An item with a view opens that view; an item without
 * one is a group. Siblings are ordered by {@code position}, then id. {@code label} is 1 to 200
 * characters; {@code position} is between -1,000,000 and 1,000,000. {@code version} is 0 at
 * creation and one more after each update or move.
 */
public record MenuItem(MenuItemId id, Optional<MenuItemId> parentId, Optional<ViewId> viewId, String label, int position, long version) {
    public static final int POSITION_MIN = -1_000_000;
    public static final int POSITION_MAX = 1_000_000;

    public MenuItem {
        Validate.notNull("id", id);
        parentId = Validate.present("parentId", parentId);
        viewId = Validate.present("viewId", viewId);
        label = label(label);
        position = position(position);
        Validate.version("version", version);
    }

    /** Whether the item is a group (has no view). */
    public boolean isGroup() {
        return viewId.isEmpty();
    }

    public MenuItem withLabel(String v) {
        return new MenuItem(id, parentId, viewId, v, position, version);
    }

    public MenuItem withView(Optional<ViewId> v) {
        return new MenuItem(id, parentId, v, label, position, version);
    }

    public MenuItem withPosition(int v) {
        return new MenuItem(id, parentId, viewId, label, v, version);
    }

    static String label(String value) {
        return Validate.text("label", value, 1, Validate.NAME_MAX);
    }

    static int position(int value) {
        return Validate.range("position", value, POSITION_MIN, POSITION_MAX);
    }
}
