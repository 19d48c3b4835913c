package dev.iamkit.catalog;

import dev.iamkit.model.NewView;
import java.util.Optional;

/** A view as a catalog file declares it. */
public record ViewSpec(String code, String name, String path, boolean requiresAuth, Optional<String> icon, int ordering) {
    public ViewSpec {
        // the rules of a new view, checked (and normalized) once, by it
        NewView v = new NewView(code, name, path, requiresAuth, icon, ordering);
        code = v.code();
        name = v.name();
        path = v.path();
        icon = v.icon();
    }
}
