package dev.iamkit.model;

import java.util.Optional;

/**
 * A screen or page of the host app. {@code code} and {@code path} are each unique. Lists order
 * views by {@code ordering}, then {@code code}.
 */
public record View(ViewId id, String code, String name, String path, boolean requiresAuth, Optional<String> icon, int ordering) {
    public View {
        Validate.notNull("id", id);
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        path = Validate.path("path", path);
        icon = Validate.present("icon", icon).map(i -> Validate.text("icon", i, 1, Validate.ICON_MAX));
        ordering = Validate.range("ordering", ordering, -1_000_000, 1_000_000);
    }

    public View withName(String v) {
        return new View(id, code, v, path, requiresAuth, icon, ordering);
    }

    public View withPath(String v) {
        return new View(id, code, name, v, requiresAuth, icon, ordering);
    }

    public View withRequiresAuth(boolean v) {
        return new View(id, code, name, path, v, icon, ordering);
    }

    public View withIcon(Optional<String> v) {
        return new View(id, code, name, path, requiresAuth, v, ordering);
    }

    public View withOrdering(int v) {
        return new View(id, code, name, path, requiresAuth, icon, v);
    }
}
