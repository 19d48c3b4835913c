package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import dev.iamkit.model.Validate;
import dev.iamkit.support.Json;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/** Settings maps to and from jsonb; reading back goes through the same validation, so both stores return equal maps. */
final class JsonMaps {
    private JsonMaps() {
    }

    static JSONB jsonb(Map<String, Object> map) {
        return JSONB.jsonb(Json.write(map));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JSONB value) {
        if (value == null) {
            return Map.of();
        }
        try {
            Object parsed = new JSONParser().parse(value.data());
            return Validate.settings("settings", (Map<String, ?>) parsed);
        } catch (ParseException | ClassCastException e) {
            throw new StorageException("stored settings are not a JSON object: " + e.getMessage(), e, false);
        }
    }
}
