package dev.iamkit.catalog;

import dev.iamkit.error.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole declarative catalog: modules, features, views, the links between them (named by code in
 * the modules and features), the menu tree and role templates. Codes identify everything; the
 * file is checked as a whole when this record is made: every error is a
 * {@link ValidationException} whose field is the path of the faulty value, such as
 * {@code modules[1].features[0]} or {@code roles[2].grants[0].action}.
 */
public record CatalogSpec(List<ModuleSpec> modules, List<FeatureSpec> features, List<ViewSpec> views, List<MenuSpec> menu,
                          List<RoleTemplate> roles) {
    public CatalogSpec {
        modules = Specs.list("modules", modules);
        features = Specs.list("features", features);
        views = Specs.list("views", views);
        menu = Specs.list("menu", menu);
        roles = Specs.list("roles", roles);
        Specs.unique("modules", modules.stream().map(ModuleSpec::code).toList(), "code");
        Specs.unique("features", features.stream().map(FeatureSpec::code).toList(), "code");
        Specs.unique("views", views.stream().map(ViewSpec::code).toList(), "code");
        Specs.unique("views", views.stream().map(ViewSpec::path).toList(), "path");
        Specs.unique("menu", menu.stream().map(MenuSpec::label).toList(), "label");
        Specs.unique("roles", roles.stream().map(RoleTemplate::code).toList(), "code");
        checkReferences(modules, features, views, menu, roles);
    }

    /** An empty catalog: applied with pruning, it removes the whole catalog and menu. */
    public static CatalogSpec empty() {
        return new CatalogSpec(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static void checkReferences(List<ModuleSpec> modules, List<FeatureSpec> features, List<ViewSpec> views, List<MenuSpec> menu,
                                        List<RoleTemplate> roles) {
        Map<String, FeatureSpec> featureByCode = new HashMap<>();
        features.forEach(f -> featureByCode.put(f.code(), f));
        List<String> viewCodes = views.stream().map(ViewSpec::code).toList();
        for (int m = 0; m < modules.size(); m++) {
            known("modules[" + m + "].features", modules.get(m).features(), featureByCode.keySet().stream().toList(), "feature");
            known("modules[" + m + "].views", modules.get(m).views(), viewCodes, "view");
        }
        for (int f = 0; f < features.size(); f++) {
            known("features[" + f + "].views", features.get(f).views(), viewCodes, "view");
        }
        checkMenu("menu", menu, viewCodes);
        List<String> roleCodes = roles.stream().map(RoleTemplate::code).toList();
        for (int r = 0; r < roles.size(); r++) {
            RoleTemplate role = roles.get(r);
            for (int g = 0; g < role.grants().size(); g++) {
                FeatureGrantSpec grant = role.grants().get(g);
                String at = "roles[" + r + "].grants[" + g + "]";
                FeatureSpec feature = featureByCode.get(grant.feature());
                if (feature == null) {
                    throw new ValidationException(at + ".feature", "no feature '" + grant.feature() + "' in the file");
                }
                if (!feature.actions().contains(grant.action())) {
                    throw new ValidationException(at + ".action", "the feature '" + feature.code() + "' has no action '" + grant.action() + "'");
                }
            }
            known("roles[" + r + "].views", role.views().stream().map(ViewGrantSpec::view).toList(), viewCodes, "view");
            known("roles[" + r + "].includes", role.includes(), roleCodes, "role");
        }
    }

    private static void checkMenu(String at, List<MenuSpec> items, List<String> viewCodes) {
        for (int i = 0; i < items.size(); i++) {
            MenuSpec item = items.get(i);
            String here = at + "[" + i + "]";
            if (item.view().isPresent() && !viewCodes.contains(item.view().get())) {
                throw new ValidationException(here + ".view", "no view '" + item.view().get() + "' in the file");
            }
            checkMenu(here + ".children", item.children(), viewCodes);
        }
    }

    private static void known(String at, List<String> codes, List<String> defined, String what) {
        for (int i = 0; i < codes.size(); i++) {
            if (!defined.contains(codes.get(i))) {
                throw new ValidationException(at + "[" + i + "]", "no " + what + " '" + codes.get(i) + "' in the file");
            }
        }
    }
}
