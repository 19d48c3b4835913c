package dev.iamkit.model;

import java.util.Optional;

/** What it takes to create a view. The three-argument form requires authentication, has no icon and ordering 0. */
public record NewView(String code, String name, String path, boolean requiresAuth, Optional<String> icon, int ordering) {
    public NewView {
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        path = Validate.path("path", path);
        icon = Validate.present("icon", icon).map(i -> Validate.text("icon", i, 1, Validate.ICON_MAX));
        ordering = Validate.range("ordering", ordering, -1_000_000, 1_000_000);
    }

    public NewView(String code, String name, String path) {
        this(code, name, path, true, Optional.empty(), 0);
    }
}
