package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The single place where input is checked. Records call these from their compact constructors,
 * so both stores reject exactly the same input with the same {@link ValidationException}, before
 * anything is written. Every method names the field it checks in the exception.
 */
public final class Validate {
    public static final int EMAIL_MAX = 254;
    public static final int NAME_MAX = 200;
    public static final int DESCRIPTION_MAX = 2000;
    public static final int CODE_MAX = 64;
    public static final int ACTION_MAX = 40;
    public static final int PATH_MAX = 255;
    public static final int ICON_MAX = 100;
    public static final int ACTIONS_MAX = 64;
    public static final int SETTINGS_STRING_MAX = 4096;
    public static final int SETTINGS_KEY_MAX = 64;
    public static final int SETTINGS_ENTRIES_MAX = 500;
    public static final int SETTINGS_DEPTH_MAX = 8;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern EMAIL_DOMAIN = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/{}-]*");

    private Validate() {
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /**
     * Any string the API takes: present, with no NUL character (PostgreSQL cannot store one) and
     * no unpaired surrogate (UTF-16 that encodes no text: PostgreSQL would store it as '?').
     * Returned unchanged. Every other check of a string starts with this one, so both stores see
     * only strings they can store alike.
     */
    public static String string(String field, String value) {
        notNull(field, value);
        String problem = characterProblem(value);
        if (problem != null) {
            throw new ValidationException(field, problem);
        }
        return value;
    }

    /** Why {@code value} is not text both stores can hold, or {@code null} when it is. */
    private static String characterProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return "must not contain an unpaired surrogate (malformed UTF-16) at index " + i;
                }
            }
        }
        return null;
    }

    /** An optional string: {@link #present}, and {@link #string} checks on what it holds. */
    public static Optional<String> string(String field, Optional<String> value) {
        return present(field, value).map(v -> string(field, v));
    }

    /**
     * {@code value} with each NUL character and unpaired surrogate replaced by U+FFFD, for text that
     * reports something (a driver's message) and must not fail on what it reports.
     */
    public static String printable(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(++i));
            } else {
                b.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * A key a finder looks up (a code, a path, a name): {@link #string} checks, then stripped of
     * surrounding white space, as the stored keys were. A key that no record can have simply finds
     * nothing.
     */
    public static String lookup(String field, String value) {
        return string(field, value).strip();
    }

    /** An {@code Optional} component must itself be non-null; empty is fine. */
    public static <T> Optional<T> present(String field, Optional<T> value) {
        if (value == null) {
            throw new ValidationException(field, "is required (use Optional.empty())");
        }
        return value;
    }

    /**
     * Free text: stripped of surrounding white space, then {@code min..max} characters, no control
     * characters.
     */
    public static String text(String field, String value, int min, int max) {
        String v = string(field, value).strip();
        if (v.length() < min) {
            throw new ValidationException(field, min == 1 ? "must not be blank" : "must have at least " + min + " characters");
        }
        if (v.length() > max) {
            throw new ValidationException(field, "must have at most " + max + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new ValidationException(field, "must not contain control characters");
            }
        }
        return v;
    }

    /** Like {@link #text} with no minimum; {@code null} becomes the empty string. */
    public static String optionalText(String field, String value, int max) {
        return value == null ? "" : text(field, value, 0, max);
    }

    public static String name(String field, String value) {
        return text(field, value, 1, NAME_MAX);
    }

    public static String description(String field, String value) {
        return optionalText(field, value, DESCRIPTION_MAX);
    }

    /**
     * An email address: stripped, lower-cased, at most 254 characters, local part at most 64. The
     * case rule is Java's locale-independent lower-casing ({@code Locale.ROOT}), applied here for
     * both stores; what remains must be ASCII, so the stored address is the same whatever
     * collation a database has.
     */
    public static String email(String field, String value) {
        String v = text(field, value, 1, EMAIL_MAX).toLowerCase(Locale.ROOT);
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1 || v.indexOf('@') != at) {
            throw new ValidationException(field, "is not an email address");
        }
        String local = v.substring(0, at);
        String domain = v.substring(at + 1);
        if (local.length() > 64 || !EMAIL_LOCAL.matcher(local).matches() || !EMAIL_DOMAIN.matcher(domain).matches()) {
            throw new ValidationException(field, "is not an email address");
        }
        return v;
    }

    /** An email address to look up: {@link #lookup} checks, lower-cased as {@link #email} stores it; not otherwise checked (one that no user can have finds nothing). */
    public static String emailLookup(String field, String value) {
        return lookup(field, value).toLowerCase(Locale.ROOT);
    }

    /** A URL-safe organization slug: 2 to 63 of {@code a-z 0-9 -}, not starting or ending with '-'. */
    public static String slug(String field, String value) {
        String v = string(field, value).strip();
        if (!SLUG.matcher(v).matches()) {
            throw new ValidationException(field, "must be 2 to 63 lower-case letters, digits or '-', not starting or ending with '-'");
        }
        return v;
    }

    /** A machine code (role, module, feature, view): 2 to 64 of {@code a-z 0-9 _ . -}, starting with a letter. */
    public static String code(String field, String value) {
        String v = string(field, value).strip();
        if (!name(v, 2, 64)) {
            throw new ValidationException(field, "must be 2 to 64 lower-case letters, digits, '_', '.' or '-', starting with a letter");
        }
        return v;
    }

    /** An action name such as {@code read} or {@code approve}: 1 to 40 of {@code a-z 0-9 _ . -}, starting with a letter. */
    public static String action(String field, String value) {
        String v = string(field, value).strip();
        if (!name(v, 1, 40)) {
            throw new ValidationException(field, "must be 1 to 40 lower-case letters, digits, '_', '.' or '-', starting with a letter");
        }
        return v;
    }

    /**
     * Whether {@code v} is {@code min} to {@code max} of {@code a-z 0-9 _ . -}, starting with a
     * letter: the form of codes and action names, checked by hand (it runs for every permission
     * built, and a regular expression cost a write of many grants a tenth of its time).
     */
    private static boolean name(String v, int min, int max) {
        int n = v.length();
        if (n < min || n > max || v.charAt(0) < 'a' || v.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A non-empty set of action names, returned sorted and unmodifiable. */
    public static SortedSet<String> actions(String field, Collection<String> values) {
        notNull(field, values);
        if (values.isEmpty()) {
            throw new ValidationException(field, "must name at least one action");
        }
        if (values.size() > ACTIONS_MAX) {
            throw new ValidationException(field, "must have at most " + ACTIONS_MAX + " actions");
        }
        TreeSet<String> out = new TreeSet<>();
        for (String a : values) {
            out.add(action(field, a));
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** An application path such as {@code /invoices/:id}: starts with '/', no white space, at most 255 characters. */
    public static String path(String field, String value) {
        String v = string(field, value).strip();
        if (v.length() > PATH_MAX) {
            throw new ValidationException(field, "must have at most " + PATH_MAX + " characters");
        }
        if (!PATH.matcher(v).matches()) {
            throw new ValidationException(field, "must start with '/' and contain no white space");
        }
        return v;
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static long version(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        return value;
    }

    /** Timestamps are kept at microsecond precision, the precision PostgreSQL stores. */
    public static Instant instant(String field, Instant value) {
        notNull(field, value);
        return value.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public static Optional<Instant> instant(String field, Optional<Instant> value) {
        return present(field, value).map(v -> instant(field, v));
    }

    /**
     * A JSON-like settings object. Keys are 1 to 64 characters; values are strings (at most 4096
     * characters), booleans, numbers, lists and nested objects, at most 8 levels deep and 500
     * entries in all. Keys and strings hold no NUL and no unpaired surrogate ({@link #string}).
     * Numbers: any integer type, and any finite {@code float} or {@code double}; an integral value
     * within the range of {@code long} becomes a {@code Long}, any other a {@code Double} — every
     * such value survives JSON text and PostgreSQL's {@code jsonb} exactly. {@code null} values are
     * rejected: leave the key out instead. Returns an unmodifiable deep copy with keys in sorted
     * order, so two stores return equal maps.
     */
    public static Map<String, Object> settings(String field, Map<String, ?> value) {
        notNull(field, value);
        int[] budget = {SETTINGS_ENTRIES_MAX};
        return object(field, field, value, 1, budget);
    }

    /** {@code root} is the parameter's name (for limits of the whole), {@code path} the dotted path to this object. */
    private static Map<String, Object> object(String root, String path, Map<?, ?> map, int depth, int[] budget) {
        if (depth > SETTINGS_DEPTH_MAX) {
            throw new ValidationException(root, "must be at most " + SETTINGS_DEPTH_MAX + " levels deep");
        }
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.isEmpty() || key.length() > SETTINGS_KEY_MAX) {
                throw new ValidationException(path, "keys must be strings of 1 to " + SETTINGS_KEY_MAX + " characters");
            }
            String problem = characterProblem(key);
            if (problem != null) {
                throw new ValidationException(path, "keys " + problem);
            }
            out.put(key, settingValue(root, path + "." + key, e.getValue(), depth, budget));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object settingValue(String root, String field, Object v, int depth, int[] budget) {
        if (--budget[0] < 0) {
            throw new ValidationException(root, "must have at most " + SETTINGS_ENTRIES_MAX + " entries");
        }
        if (v == null) {
            throw new ValidationException(field, "must not be null (leave the key out instead)");
        }
        if (v instanceof String s) {
            if (s.length() > SETTINGS_STRING_MAX) {
                throw new ValidationException(field, "must have at most " + SETTINGS_STRING_MAX + " characters");
            }
            return string(field, s);
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new ValidationException(field, "must be a finite number");
            }
            return number(d);
        }
        if (v instanceof Map<?, ?> m) {
            return object(root, field, m, depth + 1, budget);
        }
        if (v instanceof Collection<?> c) {
            if (depth + 1 > SETTINGS_DEPTH_MAX) {
                throw new ValidationException(root, "must be at most " + SETTINGS_DEPTH_MAX + " levels deep");
            }
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(settingValue(root, field, item, depth + 1, budget));
            }
            return Collections.unmodifiableList(out);
        }
        throw new ValidationException(field, "must be a string, boolean, number, list or object, not " + v.getClass().getSimpleName());
    }

    /**
     * A finite double as settings hold it: integral values within the range of {@code long} (where
     * every integral double is an exact long) as {@code Long}, the rest as {@code Double}. Stored
     * JSON gives integral numbers without a fraction or exponent, so reading it back by the same
     * rule returns the same value and type.
     */
    private static Object number(double d) {
        return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (Object) (long) d : (Object) d;
    }

    /** Unmodifiable copy of a set that must not be null nor hold null. */
    public static <T> Set<T> set(String field, Collection<T> values) {
        notNull(field, values);
        for (T t : values) {
            notNull(field, t);
        }
        return Set.copyOf(values);
    }
}
