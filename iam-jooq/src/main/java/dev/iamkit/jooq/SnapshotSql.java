package dev.iamkit.jooq;

import dev.iamkit.snapshot.FieldType;
import dev.iamkit.snapshot.SnapshotField;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRecords;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.support.CaseFolding;
import dev.iamkit.support.Json;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The statements that read and write the rows of one {@link SnapshotKind}: its table is named
 * after the kind and its columns after the fields, so the text is made from those names (never
 * from input). Where a column is not a field as it is (a refresh token's {@code rotated} flag, the
 * JSON columns, a team's name key, an API key's lookup row, a sealed user's ciphertext and data
 * key, a sealed magic-link challenge's address and master key id) the differences are spelled out here.
 */
final class SnapshotSql {
    private static final HexFormat HEX = HexFormat.of();

    final SnapshotKind kind;
    private final String table;
    /** The table, and for users their data keys beside them (V24). */
    private final String from;
    private final JooqUserRows users;

    /** {@code users}: opens the users a select reads (with encryption on, a row holds the blind index and the ciphertext). */
    SnapshotSql(String schema, SnapshotKind kind, JooqUserRows users) {
        this.kind = kind;
        this.table = quote(schema) + "." + quote(kind.wireName());
        this.from = kind == SnapshotKind.APP_USER
                ? table + " LEFT JOIN " + quote(schema) + ".user_data_key k ON k.user_id = " + quote("app_user") + ".id"
                : table;
        this.users = users;
    }

    static String quote(String name) {
        return '"' + name + '"';
    }

    /** The select list: one expression per field, in field order. */
    private String selectList() {
        return kind.fields().stream().map(f -> switch (f.name()) {
            case "rotated" -> "rotated_at IS NOT NULL";
            case "settings", "before", "after" -> quote(f.name()) + "::text";
            default -> quote(f.name());
        }).collect(Collectors.joining(", ")) + switch (kind) {
            case APP_USER -> ", personal_data, k.master_key_id, k.wrapped_key";
            case MAGIC_LINK_CHALLENGE -> ", sealed_email, master_key_id";
            default -> "";
        };
    }

    private String keyOrder() {
        return kind.key().stream().map(f -> f.type() == FieldType.TEXT ? quote(f.name()) + " COLLATE \"C\"" : quote(f.name()))
                .collect(Collectors.joining(", "));
    }

    /** All rows matching {@code where} (no bind values but those of {@code where}), in key order. */
    String select(String where) {
        return "SELECT " + selectList() + " FROM " + from + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY " + keyOrder();
    }

    /** The row with a key, its key fields bound from 1. */
    String selectByKey() {
        return "SELECT " + selectList() + " FROM " + from + " WHERE "
                + kind.key().stream().map(f -> quote(f.name()) + " = ?").collect(Collectors.joining(" AND "));
    }

    /** Inserts one row unless a unique rule holds one like it; fields bound from 1 by {@link #bindRow}. */
    String insert() {
        if (kind == SnapshotKind.SESSION_TOKEN) {
            // the store keeps when a token was issued and rotated; a snapshot keeps whether it was rotated
            return "INSERT INTO " + table + " (digest, session_id, issued_at, rotated_at) SELECT ?, s.id, s.last_seen_at,"
                    + " CASE WHEN ? THEN s.last_seen_at END FROM " + table.replace(quote("session_token"), quote("user_session"))
                    + " s WHERE s.id = ? ON CONFLICT DO NOTHING";
        }
        List<String> columns = new java.util.ArrayList<>(kind.fields().stream().map(f -> quote(f.name())).toList());
        List<String> values = new java.util.ArrayList<>(kind.fields().stream().map(f -> switch (f.name()) {
            case "settings" -> "?::jsonb";
            case "before", "after" -> "?::json";
            default -> "?";
        }).toList());
        if (kind == SnapshotKind.TEAM) {
            columns.add("name_key");
            values.add("?");
        }
        if (kind == SnapshotKind.APP_USER) {
            columns.add("personal_data");
            values.add("?");
        }
        if (kind == SnapshotKind.MAGIC_LINK_CHALLENGE) {
            columns.add("sealed_email");
            columns.add("master_key_id");
            values.add("?");
            values.add("?");
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ")"
                + (appendOnly() ? "" : " ON CONFLICT DO NOTHING");
    }

    /**
     * True for a kind the application role may insert but never update ({@code consent}, V21). Its
     * insert has no {@code ON CONFLICT}: on Citus an upsert into a reference table takes a lock that
     * needs the update privilege, and is refused. Its rows are unique by id alone, so the writer
     * leaves out the ids already stored, read first ({@link #storedIds()}).
     */
    boolean appendOnly() {
        return kind == SnapshotKind.CONSENT;
    }

    /** The ids among an array bound at 1 that are stored, for an {@link #appendOnly()} kind. */
    String storedIds() {
        return "SELECT id FROM " + table + " WHERE id = ANY(?)";
    }

    /**
     * Binds {@code row} to {@link #insert()}'s parameters; {@code sealed}: a user's ciphertext or a
     * challenge's sealed address when {@code row} is the sealed row, with the master key id
     * {@code masterKeyId} for a challenge (both null for a plain row and other kinds).
     */
    void bindRow(Connection c, PreparedStatement st, SnapshotRow row, byte[] sealed, String masterKeyId) throws SQLException {
        if (kind == SnapshotKind.SESSION_TOKEN) {
            st.setBytes(1, HEX.parseHex(row.text("digest")));
            st.setBoolean(2, row.flag("rotated"));
            st.setObject(3, row.uuid("session_id"));
            return;
        }
        int i = 1;
        for (SnapshotField f : kind.fields()) {
            Object v = row.get(f.name());
            if (kind == SnapshotKind.ORGANIZATION && f.name().equals("parent_id") || kind == SnapshotKind.MENU_ITEM && f.name().equals("parent_id")) {
                v = null;   // set once every row of the kind is in: a parent may come after its child
            }
            bind(c, st, i++, f.type(), v);
        }
        if (kind == SnapshotKind.TEAM) {
            st.setString(i, CaseFolding.key(row.text("name")));
        }
        if (kind == SnapshotKind.APP_USER) {
            st.setBytes(i, sealed);
        }
        if (kind == SnapshotKind.MAGIC_LINK_CHALLENGE) {
            st.setBytes(i, sealed);
            st.setString(i + 1, masterKeyId);
        }
    }

    /** Binds the key of {@code row} to {@link #selectByKey()}. */
    void bindKey(Connection c, PreparedStatement st, SnapshotRow row) throws SQLException {
        int i = 1;
        for (SnapshotField f : kind.key()) {
            bind(c, st, i++, f.type(), row.get(f.name()));
        }
    }

    /** Sets the parent a row's insert left out; a no-op statement for kinds without one. */
    String setParent() {
        return "UPDATE " + table + " SET parent_id = ? WHERE id = ?";
    }

    /** The lookup row every API key has beside it (V8). */
    String insertLookup() {
        return "INSERT INTO " + table.replace(quote("api_key"), quote("api_key_lookup")) + " (lookup_id, key_org_id, key_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    }

    static void bind(Connection c, PreparedStatement st, int i, FieldType type, Object v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.OTHER);
            return;
        }
        switch (type) {
            case UUID_VALUE, DATE -> st.setObject(i, v);
            case TEXT -> st.setString(i, (String) v);
            case INSTANT -> st.setObject(i, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
            case LONG -> st.setLong(i, (Long) v);
            case BOOLEAN -> st.setBoolean(i, (Boolean) v);
            case BYTES -> st.setBytes(i, HEX.parseHex((String) v));
            case TEXT_LIST -> st.setArray(i, c.createArrayOf("text", ((List<?>) v).toArray()));
            case OBJECT -> st.setString(i, Json.write(v));
        }
    }

    /**
     * The row at the cursor of a result of {@link #select} or {@link #selectByKey}; a sealed user
     * opened, as {@code users().find} shows it, and a sealed challenge's address opened, so a
     * snapshot holds the same values whether the store encrypts or not.
     */
    SnapshotRow read(ResultSet rs) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        int i = 1;
        for (SnapshotField f : kind.fields()) {
            values.put(f.name(), value(rs, i++, f.type()));
        }
        SnapshotRow row = new SnapshotRow(kind, values);
        byte[] personalData = kind == SnapshotKind.APP_USER || kind == SnapshotKind.MAGIC_LINK_CHALLENGE ? rs.getBytes(i) : null;
        if (personalData == null) {
            return row;
        }
        if (kind == SnapshotKind.MAGIC_LINK_CHALLENGE) {
            return SnapshotRecords.row(users.cipher().open(SnapshotRecords.magicLink(row), rs.getString(i + 1), personalData), row.text("token_digest"));
        }
        return SnapshotRecords.row(users.open(SnapshotRecords.user(row), personalData, rs.getString(i + 1), rs.getBytes(i + 2)));
    }

    private static Object value(ResultSet rs, int i, FieldType type) throws SQLException {
        Object v = switch (type) {
            case UUID_VALUE -> rs.getObject(i, UUID.class);
            case TEXT -> rs.getString(i);
            case INSTANT -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case DATE -> rs.getObject(i, LocalDate.class);
            case LONG -> rs.getLong(i);
            case BOOLEAN -> rs.getBoolean(i);
            case BYTES -> {
                byte[] b = rs.getBytes(i);
                yield b == null ? null : HEX.formatHex(b);
            }
            case TEXT_LIST -> {
                Array a = rs.getArray(i);
                yield a == null ? null : List.of((String[]) a.getArray());
            }
            case OBJECT -> {
                String json = rs.getString(i);
                yield json == null ? null : Json.read(json);
            }
        };
        return rs.wasNull() ? null : v;
    }
}
