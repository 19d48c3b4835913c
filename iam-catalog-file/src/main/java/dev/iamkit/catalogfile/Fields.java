package dev.iamkit.catalogfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Validate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One object of the file and its path ({@code features[3]}): typed reads of its keys, each error
 * a {@link ValidationException} naming the path of the faulty value. Keys it does not know are
 * errors, so a misspelt key is never silently ignored.
 */
final class Fields {
    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** {@code node} must be an object whose keys are all in {@code known}. */
    static Fields of(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw new ValidationException(path, "must be an object (key: value lines)");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ValidationException(at(path, name), "unknown key; expected one of " + new java.util.TreeSet<>(known));
            }
        }
        return new Fields(node, path);
    }

    String path(String key) {
        return at(path, key);
    }

    static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode value(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    String text(String key) {
        JsonNode v = value(key);
        if (v == null) {
            throw new ValidationException(path(key), "is required");
        }
        return scalar(v, path(key));
    }

    String text(String key, String absent) {
        JsonNode v = value(key);
        return v == null ? absent : scalar(v, path(key));
    }

    Optional<String> optionalText(String key) {
        JsonNode v = value(key);
        return v == null ? Optional.empty() : Optional.of(scalar(v, path(key)));
    }

    boolean bool(String key, boolean absent) {
        JsonNode v = value(key);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw new ValidationException(path(key), "must be true or false");
        }
        return v.booleanValue();
    }

    int integer(String key, int absent) {
        JsonNode v = value(key);
        if (v == null) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ValidationException(path(key), "must be a whole number");
        }
        return v.intValue();
    }

    /** A list of texts, each checked by {@code check} with its own path ({@code actions[1]}). */
    List<String> texts(String key, BiFunction<String, String, String> check) {
        List<String> out = new ArrayList<>();
        for (Element e : list(key)) {
            out.add(check.apply(e.path(), scalar(e.node(), e.path())));
        }
        return out;
    }

    /** One element of a list and its path. */
    record Element(JsonNode node, String path) {
    }

    List<Element> list(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ValidationException(path(key), "must be a list");
        }
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new Element(v.get(i), path(key) + "[" + i + "]"));
        }
        return out;
    }

    /** A text value: a string, or a number or boolean written without quotes, taken as its text. */
    private static String scalar(JsonNode v, String path) {
        if (v.isTextual()) {
            return Validate.string(path, v.textValue());
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw new ValidationException(path, "must be a text");
    }
}
