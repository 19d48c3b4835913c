package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.util.UUID;

/** Parsing and ordering helpers shared by the typed ids. */
public final class Ids {
    private Ids() {
    }

    static UUID require(String field, UUID value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /** Parses a UUID in its canonical 36-character form, naming {@code field} when it is malformed. */
    public static UUID parse(String field, String text) {
        if (text == null) {
            throw new ValidationException(field, "is required");
        }
        String t = text.strip();
        if (t.length() != 36) {
            throw new ValidationException(field, "is not a UUID");
        }
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "is not a UUID");
        }
    }

    /** Unsigned comparison, matching PostgreSQL's ordering of {@code uuid}. */
    public static int compare(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
