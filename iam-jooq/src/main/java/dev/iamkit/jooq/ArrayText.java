package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a one-dimensional array column from PostgreSQL's text form ({@code {a,b,"c d"}}), which is
 * how the server sends arrays to the driver by default. The access compile reads a few hundred
 * elements per call; the driver's {@link java.sql.Array} builds each of them through a
 * character-by-character buffer, which measured a sixth of a cache miss. Elements of the arrays
 * read here are never null; a null element, or a form other than one dimension, is refused.
 */
final class ArrayText {
    private static final String[] NO_TEXT = new String[0];
    private static final UUID[] NO_UUID = new UUID[0];

    private ArrayText() {
    }

    /** Column {@code column} as text elements; an SQL NULL is an empty array. */
    static String[] texts(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? NO_TEXT : parse(s).toArray(NO_TEXT);
    }

    /** Column {@code column} as uuids; an SQL NULL is an empty array. */
    static UUID[] uuids(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? NO_UUID : uuids(s);
    }

    /**
     * The uuids of {@code s}. The server prints a uuid array as {@code {u,u,...}}, each element in
     * the canonical 36-character form: read in place, without cutting the text into strings first
     * (measured by JFR's CPU-time sampling: the uuid arrays' share of a cache miss's client samples
     * 12.3% with the general reader, 5.4% in place); any other form is read by {@link #parse}.
     */
    static UUID[] uuids(String s) {
        int n = s.length();
        if (n == 2 && s.equals("{}")) {
            return NO_UUID;
        }
        if ((n - 1) % 37 == 0 && n > 2 && s.charAt(0) == '{' && s.charAt(n - 1) == '}') {
            UUID[] out = new UUID[(n - 1) / 37];
            for (int k = 0; k < out.length; k++) {
                int at = 1 + 37 * k;
                char after = s.charAt(at + 36);
                if (after != (k == out.length - 1 ? '}' : ',') || (out[k] = canonical(s, at)) == null) {
                    return uuidsOf(s);
                }
            }
            return out;
        }
        return uuidsOf(s);
    }

    private static UUID[] uuidsOf(String s) {
        List<String> parts = parse(s);
        UUID[] out = new UUID[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = UUID.fromString(parts.get(i));
            } catch (IllegalArgumentException e) {
                throw refused(s);
            }
        }
        return out;
    }

    /** The uuid written canonically (8-4-4-4-12 hex digits) at {@code at} of {@code s}, or null. */
    private static UUID canonical(String s, int at) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(at + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return null;
            }
            if (i < 18) {
                hi = hi << 4 | d;
            } else {
                lo = lo << 4 | d;
            }
        }
        return new UUID(hi, lo);
    }

    /** The elements of {@code s}, unquoted and unescaped. */
    static List<String> parse(String s) {
        int n = s.length();
        if (n < 2 || s.charAt(0) != '{' || s.charAt(n - 1) != '}') {
            throw refused(s);
        }
        List<String> out = new ArrayList<>();
        if (n == 2) {
            return out;
        }
        int i = 1;
        while (true) {
            if (s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n - 1 && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                if (i >= n - 1) {
                    throw refused(s);
                }
                out.add(b.toString());
                i++;   // the closing quote
            } else {
                int end = i;
                while (end < n - 1 && s.charAt(end) != ',') {
                    char c = s.charAt(end);
                    if (c == '{' || c == '}' || c == '"') {
                        throw refused(s);   // a nested array, or a quote inside an unquoted element
                    }
                    end++;
                }
                String e = s.substring(i, end);
                if (e.isEmpty() || e.equalsIgnoreCase("NULL")) {
                    throw refused(s);
                }
                out.add(e);
                i = end;
            }
            if (i == n - 1) {
                return out;
            }
            if (s.charAt(i) != ',') {
                throw refused(s);
            }
            i++;
        }
    }

    private static StorageException refused(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return new StorageException(StorageException.Kind.REJECTED, "the server sent an array in a form the store does not read: " + shown);
    }
}
