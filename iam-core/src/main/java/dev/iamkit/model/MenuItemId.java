package dev.iamkit.model;

import java.util.UUID;

/** Identifies a menu item. */
public record MenuItemId(UUID value) implements Id<MenuItemId> {
    public MenuItemId {
        value = Ids.require("menuItemId", value);
    }

    public static MenuItemId of(UUID value) {
        return new MenuItemId(value);
    }

    /** Parses the canonical UUID form; a malformed string is a {@code ValidationException} on {@code menuItemId}. */
    public static MenuItemId parse(String text) {
        return new MenuItemId(Ids.parse("menuItemId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
