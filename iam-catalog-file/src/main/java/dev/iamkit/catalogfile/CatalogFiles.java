package dev.iamkit.catalogfile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.FeatureGrantSpec;
import dev.iamkit.catalog.FeatureSpec;
import dev.iamkit.catalog.MenuSpec;
import dev.iamkit.catalog.ModuleSpec;
import dev.iamkit.catalog.RoleTemplate;
import dev.iamkit.catalog.ViewGrantSpec;
import dev.iamkit.catalog.ViewSpec;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Validate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads a declarative catalog file (YAML; a JSON file is YAML too) into a {@link CatalogSpec}.
 * The format is described in {@code docs/catalog.md}. Every problem, from a syntax error to an
 * unknown key or a reference to a code the file does not define, is a
 * {@link ValidationException} whose field is the path of the faulty value in the file, such as
 * {@code features[3].actions[1]} ({@code file} for a syntax error, with its line and column).
 */
public final class CatalogFiles {
    /** The format version this reader understands; a file may say {@code version: 1}. */
    public static final int VERSION = 1;
    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CatalogFiles() {
    }

    /** Reads {@code file} as UTF-8. */
    public static CatalogSpec read(Path file) {
        Validate.notNull("file", file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    /** Parses the text of a catalog file. */
    public static CatalogSpec parse(String text) {
        Validate.notNull("text", text);
        JsonNode root;
        try (JsonParser parser = new Yaml12Booleans(MAPPER.createParser(text))) {
            root = MAPPER.readTree(parser);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ValidationException("file", "is not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ValidationException("file", "is empty");
        }
        Fields top = Fields.of(root, "", Set.of("version", "modules", "features", "views", "menu", "roles"));
        if (top.integer("version", VERSION) != VERSION) {
            throw new ValidationException("version", "must be " + VERSION);
        }
        List<ModuleSpec> modules = new ArrayList<>();
        top.list("modules").forEach(e -> modules.add(module(e)));
        List<FeatureSpec> features = new ArrayList<>();
        top.list("features").forEach(e -> features.add(feature(e)));
        List<ViewSpec> views = new ArrayList<>();
        top.list("views").forEach(e -> views.add(view(e)));
        List<MenuSpec> menu = new ArrayList<>();
        top.list("menu").forEach(e -> menu.add(menuItem(e)));
        List<RoleTemplate> roles = new ArrayList<>();
        top.list("roles").forEach(e -> roles.add(role(e)));
        return new CatalogSpec(modules, features, views, menu, roles);
    }

    private static ModuleSpec module(Fields.Element e) {
        Fields f = Fields.of(e.node(), e.path(), Set.of("code", "name", "description", "enabled", "priority", "features", "views"));
        return at(e.path(), () -> new ModuleSpec(f.text("code"), f.text("name"), f.text("description", ""), f.bool("enabled", true),
                f.integer("priority", 0), f.texts("features", Validate::code), f.texts("views", Validate::code)));
    }

    private static FeatureSpec feature(Fields.Element e) {
        Fields f = Fields.of(e.node(), e.path(), Set.of("code", "name", "description", "actions", "views"));
        List<String> actions = f.texts("actions", Validate::action);
        return at(e.path(), () -> new FeatureSpec(f.text("code"), f.text("name"), f.text("description", ""), new TreeSet<>(actions),
                f.texts("views", Validate::code)));
    }

    private static ViewSpec view(Fields.Element e) {
        Fields f = Fields.of(e.node(), e.path(), Set.of("code", "name", "path", "requiresAuth", "icon", "ordering"));
        return at(e.path(), () -> new ViewSpec(f.text("code"), f.text("name"), f.text("path"), f.bool("requiresAuth", true),
                f.optionalText("icon"), f.integer("ordering", 0)));
    }

    private static MenuSpec menuItem(Fields.Element e) {
        Fields f = Fields.of(e.node(), e.path(), Set.of("label", "view", "position", "children"));
        List<MenuSpec> children = new ArrayList<>();
        f.list("children").forEach(c -> children.add(menuItem(c)));
        return at(e.path(), () -> new MenuSpec(f.text("label"), f.optionalText("view"), f.integer("position", 0), children));
    }

    private static RoleTemplate role(Fields.Element e) {
        Fields f = Fields.of(e.node(), e.path(), Set.of("code", "name", "description", "grants", "views", "includes"));
        List<FeatureGrantSpec> grants = new ArrayList<>();
        for (Fields.Element g : f.list("grants")) {
            Fields gf = Fields.of(g.node(), g.path(), Set.of("feature", "action", "effect"));
            grants.add(at(g.path(), () -> new FeatureGrantSpec(gf.text("feature"), gf.text("action"), effect(gf))));
        }
        List<ViewGrantSpec> views = new ArrayList<>();
        for (Fields.Element v : f.list("views")) {
            Fields vf = Fields.of(v.node(), v.path(), Set.of("view", "effect"));
            views.add(at(v.path(), () -> new ViewGrantSpec(vf.text("view"), effect(vf))));
        }
        return at(e.path(), () -> new RoleTemplate(f.text("code"), f.text("name"), f.text("description", ""), grants, views,
                f.texts("includes", Validate::code)));
    }

    private static Effect effect(Fields f) {
        String v = f.text("effect", "ALLOW");
        try {
            return Effect.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(f.path("effect"), "must be ALLOW or DENY");
        }
    }

    /**
     * Builds a record of the element at {@code path}: an error its constructor reports about one
     * of its fields is reported at that field's path in the file. Errors already naming a path
     * from the file's root (those of {@link Fields}) pass unchanged.
     */
    private static <T> T at(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            if (e.field().startsWith(path + ".") || e.field().startsWith(path + "[")) {
                throw e;
            }
            throw new ValidationException(Fields.at(path, e.field()), e.reason());
        }
    }
}
