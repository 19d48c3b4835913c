package dev.iamkit.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Odd inputs, named: the strings every string parameter is fed and the numbers every settings
 * map is fed. Strings cover the empty and the huge, characters PostgreSQL cannot store (NUL) or
 * that are not text (unpaired surrogates), control and invisible characters, pairs that fold to
 * the same letters in some languages and not in others, and the metacharacters of SQL and JSON.
 */
public final class InputCorpus {
    private InputCorpus() {
    }

    /** The strings that must be refused wherever a string is taken: NUL, and UTF-16 that is not text. */
    public static final Map<String, String> MALFORMED = ordered(
            "NUL", "\u0000",
            "NUL inside", "team\u0000a",
            "NUL at the end", "info\u0000",
            "lone high surrogate", "\uD83D",
            "lone high surrogate inside", "ab\uD83Dcd",
            "lone low surrogate", "x\uDE00",
            "reversed surrogate pair", "\uDE00\uD83D");

    /** Every string input, the malformed ones included. */
    public static Map<String, String> strings() {
        Map<String, String> all = ordered(
                "empty", "",
                "blank", " \t ",
                "10k characters", "a".repeat(10_000),
                "control characters", "bell\u0007\u001f\u007f\u0085",
                "line break", "two\nlines",
                "bidi override", "\u202Efdp.exe\u202C",
                "bidi isolate", "\u2066info\u2069",
                "zero-width space", "in\u200Bfo",
                "byte order mark", "\uFEFFinfo",
                "no-break space", "in\u00A0fo",
                "noncharacter U+FFFF", "info\uFFFF",
                "emoji", "\uD83D\uDE00 team",
                "emoji family (ZWJ)", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                "supplementary letter", "\uD835\uDC9C",
                "combining acute", "cafe\u0301",
                "precomposed acute", "caf\u00E9",
                "stacked combining marks", "Z\u0324\u0348\u0325\u0330\u0345a\u0338\u0321",
                "SQL metacharacters", "x'; DROP TABLE team; --",
                "LIKE metacharacters", "100%_\\",
                "JSON metacharacters", "{\"a\":[1,\"\\u0000\"]}",
                "escaped NUL as text", "\\u0000",
                "Turkish dotted capital I", "\u0130nfo",
                "ASCII lower", "info",
                "ASCII upper", "INFO",
                "Turkish dotless i", "\u0131nfo",
                "Greek capitals", "\u039F\u0394\u039F\u03A3",
                "Greek small, final sigma", "\u03BF\u03B4\u03BF\u03C2",
                "Greek small, medial sigma", "\u03BF\u03B4\u03BF\u03C3",
                "Greek with accents", "\u1F40\u03B4\u03CC\u03C2",
                "sharp s", "stra\u00DFe",
                "double s", "STRASSE",
                "Kelvin sign", "\u212Aelvin",
                "fullwidth letters", "\uFF29\uFF4E\uFF46\uFF4F",
                "ligature", "\uFB01le",
                "padded", "  info  ",
                "email", "Ana@Example.com",
                "slug", "beta",
                "code", "reports.export",
                "path", "/reports/{id}",
                "IPv6 address", "2001:db8::1",
                "scope", "invoices:read",
                "uuid", "0190c6a1-1a2b-7c3d-8e4f-0123456789ab",
                "token-shaped", "iks_" + "A".repeat(43),
                "the word NaN", "NaN");
        all.putAll(MALFORMED);
        all.put("null", null);
        return Collections.unmodifiableMap(all);
    }

    /** Numbers for settings values: every Java number type, the edges of long and double, and what JSON cannot hold. */
    public static Map<String, Object> numbers() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("zero", 0);
        n.put("negative zero", -0.0);
        n.put("byte", (byte) -7);
        n.put("short", (short) 300);
        n.put("int min", Integer.MIN_VALUE);
        n.put("long max", Long.MAX_VALUE);
        n.put("long min", Long.MIN_VALUE);
        n.put("2^53 - 1", (1L << 53) - 1);
        n.put("2^53 + 1", (1L << 53) + 1);
        n.put("one and a half", 1.5);
        n.put("a tenth", 0.1);
        n.put("a third", 1.0 / 3);
        n.put("float tenth", 0.1f);
        n.put("float max", Float.MAX_VALUE);
        n.put("1e15 as double", 1e15);
        n.put("1e15 + 0.5", 1e15 + 0.5);
        n.put("2^53 as double", 9007199254740992.0);
        n.put("1e18 as double", 1e18);
        n.put("2^63 as double", 9.223372036854775807E18);
        n.put("1e20", 1e20);
        n.put("-1e20", -1e20);
        n.put("1e300", 1e300);
        n.put("double max", Double.MAX_VALUE);
        n.put("smallest normal", Double.MIN_NORMAL);
        n.put("smallest subnormal", Double.MIN_VALUE);
        n.put("1e-7", 1e-7);
        n.put("NaN", Double.NaN);
        n.put("infinity", Double.POSITIVE_INFINITY);
        n.put("negative infinity", Double.NEGATIVE_INFINITY);
        n.put("float NaN", Float.NaN);
        n.put("BigDecimal", new BigDecimal("1.50"));
        n.put("BigInteger", BigInteger.TEN.pow(30));
        return Collections.unmodifiableMap(n);
    }

    /** The settings maps made of one string input: as a value, as a key, and inside a list. */
    public static Map<String, Map<String, Object>> settingsOf(String label, String s) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put(label + " as a value", single("k", s));
        if (s != null) {
            out.put(label + " as a key", single(s, "v"));
        }
        List<Object> list = new ArrayList<>();
        list.add(s);
        out.put(label + " in a list", single("k", list));
        return out;
    }

    /** The settings maps made of one number: as a value and inside a list. */
    public static Map<String, Map<String, Object>> settingsOf(String label, Object number) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put(label + " as a value", single("n", number));
        out.put(label + " in a list", single("n", List.of(number)));
        return out;
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
