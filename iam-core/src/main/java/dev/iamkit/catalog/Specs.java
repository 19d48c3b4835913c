package dev.iamkit.catalog;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Validate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks the catalog file's records share; an element's error names it by index, {@code views[2]}. */
final class Specs {
    private Specs() {
    }

    static <T> List<T> list(String field, List<T> values) {
        Validate.notNull(field, values);
        for (int i = 0; i < values.size(); i++) {
            Validate.notNull(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    /** Codes, each valid, none twice. */
    static List<String> codes(String field, List<String> values) {
        Validate.notNull(field, values);
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Validate.code(field + "[" + i + "]", values.get(i));
        }
        List<String> codes = List.of(out);
        unique(field, codes, "code");
        return codes;
    }

    /** The first key seen twice is reported at its second index. */
    static void unique(String field, List<String> keys, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!seen.add(keys.get(i))) {
                throw new ValidationException(field + "[" + i + "]", "the " + what + " '" + keys.get(i) + "' is given twice");
            }
        }
    }
}
