package dev.iamkit.snapshot;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Ids;
import dev.iamkit.model.Validate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of a snapshot: its kind and a value for each of the kind's fields, in the kind's field
 * order, each held as its {@link FieldType} says (null only where the field is optional). Two
 * rows with the same content are equal, whichever store made them.
 */
public record SnapshotRow(SnapshotKind kind, Map<String, Object> values) {
    /** Rows of one kind in key order: uuids as unsigned numbers and text by code point, as PostgreSQL's {@code COLLATE "C"} orders them. */
    public static final Comparator<SnapshotRow> KEY_ORDER = SnapshotRow::compareKeys;

    /**
     * @throws ValidationException naming the field when a field is missing, unknown, null where it
     *         may not be, or not of its type
     */
    public SnapshotRow {
        Validate.notNull("t", kind);
        Validate.notNull("r", values);
        for (String name : values.keySet()) {
            if (kind.fields().stream().noneMatch(f -> f.name().equals(name))) {
                throw new ValidationException(name, "is not a field of " + kind.wireName());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (SnapshotField f : kind.fields()) {
            Object v = values.get(f.name());
            if (v == null && !values.containsKey(f.name())) {
                throw new ValidationException(f.name(), "is missing");
            }
            if (v == null && !f.optional()) {
                throw new ValidationException(f.name(), "must not be null");
            }
            out.put(f.name(), v == null ? null : f.type().accept(f.name(), v));
        }
        values = Collections.unmodifiableMap(out);
    }

    /** A row from values in the kind's field order. */
    public static SnapshotRow of(SnapshotKind kind, Object... values) {
        if (values.length != kind.fields().size()) {
            throw new IllegalArgumentException(kind + " has " + kind.fields().size() + " fields, not " + values.length);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i] instanceof Optional<?> o ? o.orElse(null) : values[i];
            m.put(kind.fields().get(i).name(), v instanceof Integer n ? Long.valueOf(n) : v);
        }
        return new SnapshotRow(kind, m);
    }

    public Object get(String field) {
        if (!values.containsKey(field)) {
            throw new IllegalArgumentException(field + " is not a field of " + kind);
        }
        return values.get(field);
    }

    public UUID uuid(String field) {
        return (UUID) get(field);
    }

    public Optional<UUID> optionalUuid(String field) {
        return Optional.ofNullable((UUID) get(field));
    }

    public String text(String field) {
        return (String) get(field);
    }

    public Optional<String> optionalText(String field) {
        return Optional.ofNullable((String) get(field));
    }

    public Instant instant(String field) {
        return (Instant) get(field);
    }

    public Optional<Instant> optionalInstant(String field) {
        return Optional.ofNullable((Instant) get(field));
    }

    public long number(String field) {
        return (Long) get(field);
    }

    public LocalDate date(String field) {
        return (LocalDate) get(field);
    }

    public boolean flag(String field) {
        return (Boolean) get(field);
    }

    /** The values of the key fields. */
    public List<Object> key() {
        return kind.key().stream().map(f -> values.get(f.name())).toList();
    }

    private static int compareKeys(SnapshotRow a, SnapshotRow b) {
        int byKind = a.kind.compareTo(b.kind);
        if (byKind != 0) {
            return byKind;
        }
        for (SnapshotField f : a.kind.key()) {
            int c = compareValues(a.values.get(f.name()), b.values.get(f.name()));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a instanceof UUID x && b instanceof UUID y) {
            return Ids.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        return ((Comparable) a).compareTo(b);
    }

    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }
}
