package dev.iamkit.snapshot;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Validate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The type of a snapshot field and the one Java value it is held as in a {@link SnapshotRow}:
 * uuids as {@link UUID}, timestamps as {@link Instant} (microseconds), days as {@link LocalDate},
 * integers as {@link Long}, byte strings as lower-case hex {@link String}s, text arrays as
 * {@code List<String>}, JSON objects as maps (as {@link Validate#settings} returns them). Holding
 * one representation per type makes rows of two stores compare with {@code equals}.
 */
public enum FieldType {
    UUID_VALUE, TEXT, INSTANT, DATE, LONG, BOOLEAN, BYTES, TEXT_LIST, OBJECT;

    /**
     * {@code value} as this type holds it; strings are parsed (a file carries uuids, timestamps,
     * days and hex as strings).
     *
     * @throws ValidationException naming {@code field} when the value is not of this type
     */
    public Object accept(String field, Object value) {
        Validate.notNull(field, value);
        try {
            return switch (this) {
                case UUID_VALUE -> value instanceof UUID u ? u : canonicalUuid(field, text(field, value));
                case TEXT -> Validate.string(field, text(field, value));
                case INSTANT -> Validate.instant(field, value instanceof Instant i ? i : Instant.parse(text(field, value)));
                case DATE -> value instanceof LocalDate d ? d : LocalDate.parse(text(field, value));
                case LONG -> number(field, value);
                case BOOLEAN -> value instanceof Boolean b ? b : fail(field, "must be true or false");
                case BYTES -> hex(field, text(field, value));
                case TEXT_LIST -> textList(field, value);
                case OBJECT -> value instanceof Map<?, ?> m ? Validate.settings(field, cast(m)) : fail(field, "must be a JSON object");
            };
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be " + (this == DATE ? "a day (yyyy-mm-dd)" : "an ISO-8601 instant") + ", not " + value);
        }
    }

    private static UUID canonicalUuid(String field, String text) {
        try {
            UUID u = UUID.fromString(text);
            if (!u.toString().equals(text)) {
                throw new ValidationException(field, "must be a uuid in lower-case canonical form, not " + text);
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be a uuid, not " + text);
        }
    }

    private static String text(String field, Object value) {
        return value instanceof String s ? s : fail(field, "must be a string");
    }

    private static Long number(String field, Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            default -> fail(field, "must be an integer");
        };
    }

    private static String hex(String field, String text) {
        if (text.length() % 2 != 0 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new ValidationException(field, "must be lower-case hex");
        }
        return HexFormat.of().formatHex(HexFormat.of().parseHex(text));
    }

    private static List<String> textList(String field, Object value) {
        if (!(value instanceof List<?> list)) {
            return fail(field, "must be a list of strings");
        }
        return list.stream().map(v -> Validate.string(field, text(field, v))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private static <T> T fail(String field, String reason) {
        throw new ValidationException(field, reason);
    }
}
