package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.support.Json;
import java.util.Map;
import org.jooq.JSONB;

/**
 * Settings maps to and from jsonb. Reading back goes through the library's own JSON reader and
 * the same validation as writing, so both stores return equal maps: jsonb prints a number written
 * as {@code 1.0E20} as {@code 100000000000000000000}, which the reader takes as the same double.
 */
final class JsonMaps {
    private JsonMaps() {
    }

    static JSONB jsonb(Map<String, Object> map) {
        return JSONB.jsonb(Json.write(map));
    }

    /**
     * The settings stored for {@code org}. Whatever the library wrote reads back; a value written
     * behind its back that it would not have accepted (not an object, a null, a string too long,
     * nested too deep) is a {@link StorageException} naming the organization and the setting, never
     * a raw exception.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(OrgId org, JSONB value) {
        if (value == null) {
            return Map.of();
        }
        try {
            if (!(Json.read(value.data()) instanceof Map<?, ?> parsed)) {
                throw new StorageException("the settings stored for organization " + org + " are not a JSON object; rewrite them", false);
            }
            return Validate.settings("settings", (Map<String, ?>) parsed);
        } catch (ValidationException e) {
            String what = e.field() + " " + e.reason();
            throw new StorageException("the settings stored for organization " + org + " cannot be read (" + what + "); rewrite them", e, false);
        }
    }
}
