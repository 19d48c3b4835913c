package dev.iamkit.support;

import dev.iamkit.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text (RFC 8259) into maps, lists, strings, booleans, numbers and {@code null}, for
 * {@link Json#read}. Numbers without a fraction or exponent become {@code Long} when they fit one
 * and {@code Double} otherwise (PostgreSQL's {@code jsonb} prints {@code 1e20} as
 * {@code 100000000000000000000}); the others become {@code Double}. Malformed text is a
 * {@link dev.iamkit.error.ValidationException} naming the offset.
 */
final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    static Object read(String text) {
        JsonReader r = new JsonReader(text);
        Object value = r.value(0);
        r.space();
        if (r.at != text.length()) {
            throw r.error("text after the value");
        }
        return value;
    }

    /** Deeper than any settings object may be, with room to spare; guards the stack against hostile text. */
    private static final int DEPTH_MAX = 64;

    private Object value(int depth) {
        if (depth > DEPTH_MAX) {
            throw error("nested more than " + DEPTH_MAX + " levels deep");
        }
        space();
        if (at >= text.length()) {
            throw error("a value was expected");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return out;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("a key was expected");
            }
            String key = string();
            space();
            expect(':');
            if (out.containsKey(key)) {
                throw error("a key appears twice");
            }
            out.put(key, value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> out = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return out;
        }
        while (true) {
            out.add(value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("the string does not end");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("a control character inside a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("the string does not end");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("a \\u escape needs four hexadecimal digits");
                    }
                    try {
                        b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("a \\u escape needs four hexadecimal digits");
                    }
                    at += 4;
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        int digits = digits();
        if (digits == 0 || digits > 1 && text.charAt(at - digits) == '0') {
            throw error("a malformed number");
        }
        boolean integral = true;
        if (peek('.')) {
            at++;
            integral = false;
            if (digits() == 0) {
                throw error("a malformed number");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            integral = false;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (digits() == 0) {
                throw error("a malformed number");
            }
        }
        String n = text.substring(start, at);
        if (integral) {
            try {
                return Long.parseLong(n);
            } catch (NumberFormatException beyondLong) {
                return Double.parseDouble(n);
            }
        }
        return Double.parseDouble(n);
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected text");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' was expected");
        }
        at++;
    }

    private ValidationException error(String what) {
        return new ValidationException("json", "malformed at offset " + at + ": " + what);
    }
}
