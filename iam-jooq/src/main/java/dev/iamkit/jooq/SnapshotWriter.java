package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ROLE;

import dev.iamkit.snapshot.SnapshotConflictException;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRecords;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.support.PersonalDataCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writes a snapshot's rows in one transaction that the caller commits or rolls back: batches of
 * {@link #BATCH} inserts per kind (and per organization, whose tenant setting each batch needs),
 * each {@code ON CONFLICT DO NOTHING}, so a row a unique rule already holds writes nothing and is
 * compared with the stored row by its key: equal, it counts as present; otherwise it is a
 * conflict, listed, and the import fails once every row has been read. Holds at most one batch,
 * plus the parents of organizations and menu items (set after all rows are in) and one entry per
 * organization touched. With encryption on, each new user is sealed as {@code users().create}
 * seals it (a new data key under the current master key), and each magic-link challenge's
 * address as {@code magicLinks().create} seals it; rows are compared opened.
 */
final class SnapshotWriter {
    static final int BATCH = 500;
    private static final int CONFLICTS_LISTED = 100;

    private final Connection c;
    private final String schema;
    private final JooqUserRows users;
    private final Map<SnapshotKind, SnapshotSql> sql = new EnumMap<>(SnapshotKind.class);
    private final Map<SnapshotKind, Long> written = new EnumMap<>(SnapshotKind.class);
    private final Map<SnapshotKind, Long> present = new EnumMap<>(SnapshotKind.class);
    private final List<String> conflicts = new ArrayList<>();
    private final List<UUID[]> orgParents = new ArrayList<>();
    private final List<UUID[]> menuParents = new ArrayList<>();
    /** (role, included role) of the inclusions written, by organization. */
    private final Map<UUID, List<UUID[]>> inclusions = new java.util.HashMap<>();
    private final Set<UUID> newCounters = new HashSet<>();
    private final Set<UUID> touched = new HashSet<>();
    private final List<SnapshotRow> batch = new ArrayList<>();
    private SnapshotKind kind;
    private UUID org;

    SnapshotWriter(Connection c, String schema, JooqUserRows users) {
        this.c = c;
        this.schema = schema;
        this.users = users;
    }

    SnapshotImport write(Iterator<SnapshotRow> rows) throws SQLException {
        while (rows.hasNext()) {
            SnapshotRow r = rows.next();
            SnapshotRecords.check(r);
            UUID rowOrg = r.kind().area() == SnapshotKind.Area.TENANT ? r.uuid("org_id") : null;
            if (r.kind() != kind || !Objects.equals(rowOrg, org) || batch.size() >= BATCH) {
                flush();
                kind = r.kind();
                org = rowOrg;
            }
            batch.add(r);
        }
        flush();
        setParents(SnapshotKind.ORGANIZATION, orgParents);
        setParents(SnapshotKind.MENU_ITEM, menuParents);
        refuseCycles();
        bumpRevisions();
        moveGlobalRevision();
        refoldRoles();
        if (!conflicts.isEmpty()) {
            throw new SnapshotConflictException(conflicts);
        }
        return new SnapshotImport(written, present);
    }

    private SnapshotSql sql(SnapshotKind k) {
        return sql.computeIfAbsent(k, x -> new SnapshotSql(schema, x, users));
    }

    private void scopeFor(SnapshotKind k, UUID tenant) throws SQLException {
        switch (k.area()) {
            case PLATFORM -> PostgresSnapshots.settings(c, Scope.PLATFORM.value, "");
            case IDENTITY -> PostgresSnapshots.settings(c, Scope.IDENTITY.value, "");
            case TENANT -> PostgresSnapshots.settings(c, "", tenant.toString());
        }
    }

    private void flush() throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        SnapshotSql s = sql(kind);
        scopeFor(kind, org);
        List<PersonalDataCipher.Sealed> sealed = kind == SnapshotKind.APP_USER && users.cipher().enabled() ? sealUsers() : List.of();
        boolean sealLinks = kind == SnapshotKind.MAGIC_LINK_CHALLENGE && users.cipher().enabled();
        boolean[] held = s.appendOnly() ? held(s) : new boolean[batch.size()];
        int[] counts = new int[batch.size()];
        int[] sent;
        try (PreparedStatement st = c.prepareStatement(s.insert())) {
            for (int i = 0; i < batch.size(); i++) {
                if (held[i]) {
                    continue;
                }
                PersonalDataCipher.Sealed x = sealed.isEmpty() ? null : sealed.get(i);
                if (sealLinks) {   // the address sealed under the current master key, as magicLinks().create stores it
                    PersonalDataCipher.SealedChallenge l = users.cipher().seal(SnapshotRecords.magicLink(batch.get(i)));
                    s.bindRow(c, st, SnapshotRecords.row(l.stored(), batch.get(i).text("token_digest")), l.sealedEmail(), l.masterKeyId());
                } else {
                    s.bindRow(c, st, x == null ? batch.get(i) : SnapshotRecords.row(x.stored()), x == null ? null : x.personalData(), null);
                }
                st.addBatch();
            }
            sent = st.executeBatch();
        }
        for (int i = 0, j = 0; i < batch.size(); i++) {
            counts[i] = held[i] ? 0 : sent[j++];
        }
        List<PersonalDataCipher.Sealed> dataKeys = new ArrayList<>();
        List<SnapshotRow> keys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            SnapshotRow r = batch.get(i);
            if (counts[i] == 0) {
                compare(s, r);
                continue;
            }
            written.merge(kind, 1L, Long::sum);
            if (org != null) {
                touched.add(org);
            }
            switch (kind) {
                case ORGANIZATION -> r.optionalUuid("parent_id").ifPresent(p -> orgParents.add(new UUID[] {r.uuid("id"), p}));
                case MENU_ITEM -> r.optionalUuid("parent_id").ifPresent(p -> menuParents.add(new UUID[] {r.uuid("id"), p}));
                case ROLE_INCLUSION -> inclusions.computeIfAbsent(org, k -> new ArrayList<>()).add(new UUID[] {r.uuid("role_id"), r.uuid("included_role_id")});
                case ORG_COUNTER -> newCounters.add(org);
                case API_KEY -> keys.add(r);
                case APP_USER -> {
                    if (!sealed.isEmpty()) {
                        dataKeys.add(sealed.get(i));
                    }
                }
                default -> { }
            }
        }
        if (!keys.isEmpty()) {
            lookups(s, keys);
        }
        if (!dataKeys.isEmpty()) {
            insertDataKeys(dataKeys);
        }
        batch.clear();
    }

    /**
     * For an append-only kind: which rows of the batch are already stored, or repeat an id earlier
     * in the batch. They are compared with the stored row instead of inserted.
     */
    private boolean[] held(SnapshotSql s) throws SQLException {
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        try (PreparedStatement st = c.prepareStatement(s.storedIds())) {
            st.setArray(1, c.createArrayOf("uuid", batch.stream().map(r -> r.uuid("id")).distinct().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        boolean[] held = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            held[i] = !ids.add(batch.get(i).uuid("id"));
        }
        return held;
    }

    /**
     * The batch's users sealed, in batch order, after taking out (as conflicts) each live user
     * whose e-mail another live user holds in a form the unique index does not compare with the
     * new blind index: in plain text (stored before encryption was on) or under an older master
     * key (not yet re-wrapped). {@code users().create} refuses those too.
     */
    private List<PersonalDataCipher.Sealed> sealUsers() throws SQLException {
        PersonalDataCipher cipher = users.cipher();
        Map<String, UUID> holders = new HashMap<>();
        List<String> forms = batch.stream().filter(r -> r.get("deleted_at") == null).flatMap(r -> cipher.storedForms(r.text("email")).stream())
                .distinct().toList();
        try (PreparedStatement st = c.prepareStatement("SELECT email, id FROM " + SnapshotSql.quote(schema)
                + ".app_user WHERE deleted_at IS NULL AND email = ANY(?)")) {
            st.setArray(1, c.createArrayOf("text", forms.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    holders.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        batch.removeIf(r -> {
            UUID id = r.uuid("id");
            Optional<UUID> other = r.get("deleted_at") != null ? Optional.empty()
                    : cipher.storedForms(r.text("email")).stream().map(holders::get).filter(h -> h != null && !h.equals(id)).findFirst();
            other.ifPresent(h -> conflict(r, "has the email of app_user [" + h + "]"));
            return other.isPresent();
        });
        List<PersonalDataCipher.Sealed> out = new ArrayList<>();
        for (SnapshotRow r : batch) {
            out.add(cipher.seal(SnapshotRecords.user(r), Optional.empty()));
        }
        return out;
    }

    /** The data keys of the users just written, beside them (V24), in the identity scope the users were written in. */
    private void insertDataKeys(List<PersonalDataCipher.Sealed> sealed) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + SnapshotSql.quote(schema)
                + ".user_data_key (user_id, master_key_id, wrapped_key) VALUES (?, ?, ?)")) {
            for (PersonalDataCipher.Sealed x : sealed) {
                st.setObject(1, x.stored().id().value());
                st.setString(2, x.key().masterKeyId());
                st.setBytes(3, x.key().wrapped());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Each API key's row in the global lookup table (V8), in the tenant's setting, which may insert its own keys' lookups. */
    private void lookups(SnapshotSql s, List<SnapshotRow> keys) throws SQLException {
        int[] counts;
        try (PreparedStatement st = c.prepareStatement(s.insertLookup())) {
            for (SnapshotRow k : keys) {
                st.setString(1, k.text("lookup_id"));
                st.setObject(2, k.uuid("org_id"));
                st.setObject(3, k.uuid("id"));
                st.addBatch();
            }
            counts = st.executeBatch();
        }
        for (int i = 0; i < keys.size(); i++) {
            if (counts[i] == 0) {
                conflict(keys.get(i), "has a lookup_id another API key holds");
            }
        }
    }

    private void compare(SnapshotSql s, SnapshotRow r) throws SQLException {
        SnapshotRow stored = null;
        try (PreparedStatement st = c.prepareStatement(s.selectByKey())) {
            s.bindKey(c, st, r);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    stored = s.read(rs);
                }
            }
        }
        if (r.equals(stored)) {
            present.merge(r.kind(), 1L, Long::sum);
        } else {
            conflict(r, stored == null ? "collides with a stored row under a unique rule (or refers to a missing row)" : "differs from the stored row");
        }
    }

    private void conflict(SnapshotRow r, String why) {
        if (conflicts.size() < CONFLICTS_LISTED) {
            conflicts.add(r.kind().wireName() + " " + r.key() + " " + why);
        }
    }

    /** Parents and inclusions that close a cycle refuse the import ({@link SnapshotCycles}). */
    private void refuseCycles() throws SQLException {
        if (!orgParents.isEmpty()) {
            scopeFor(SnapshotKind.ORGANIZATION, null);
            SnapshotCycles.parents(c, schema, "organization", "organization", orgParents);
        }
        if (!menuParents.isEmpty()) {
            scopeFor(SnapshotKind.MENU_ITEM, null);
            SnapshotCycles.parents(c, schema, "menu_item", "menu item", menuParents);
        }
        for (Map.Entry<UUID, List<UUID[]>> e : inclusions.entrySet()) {
            scopeFor(SnapshotKind.ROLE_INCLUSION, e.getKey());
            SnapshotCycles.inclusions(c, schema, e.getKey(), e.getValue());
        }
    }

    private void setParents(SnapshotKind k, List<UUID[]> parents) throws SQLException {
        if (parents.isEmpty()) {
            return;
        }
        scopeFor(k, null);
        try (PreparedStatement st = c.prepareStatement(sql(k).setParent())) {
            for (UUID[] p : parents) {
                st.setObject(1, p[1]);
                st.setObject(2, p[0]);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /**
     * Every role of an organization that got rows has its grants folded again ({@code role_access},
     * V25, which the compile of a user's access reads): a snapshot does not carry that row, it is
     * derived from the grants.
     */
    private void refoldRoles() throws SQLException {
        org.jooq.DSLContext sql = DSL.using(c, SQLDialect.POSTGRES, Sql.settingsFor(schema));
        for (UUID o : touched) {
            PostgresSnapshots.settings(c, "", o.toString());
            // as the audit append refolds on Citus (read, then written as rows of VALUES: each statement goes to the organization's shard), every role
            AuditAppend.refoldApart(sql, o, DSL.array(DSL.select(ROLE.ID).from(ROLE).where(ROLE.ORG_ID.eq(o))));
        }
    }

    /**
     * An organization that was there before and got rows: its revision moves on, so caches of
     * other processes see the change. Every organization that got rows, its counter new or not, is
     * stamped with this transaction (V28), so the change listeners' poll reads it.
     */
    private void bumpRevisions() throws SQLException {
        for (UUID o : touched) {
            PostgresSnapshots.settings(c, "", o.toString());
            try (PreparedStatement st = c.prepareStatement("UPDATE " + SnapshotSql.quote(schema) + ".org_counter SET revision = revision + ?,"
                    + " access_revision = revision + ?, changed_xid = pg_current_xact_id()::text::bigint, reach = NULL WHERE org_id = ?")) {
                st.setLong(1, newCounters.contains(o) ? 0 : 1);
                st.setLong(2, newCounters.contains(o) ? 0 : 1);   // the access revision (V34): the new revision, as any change may
                st.setObject(3, o);
                st.executeUpdate();
            }
        }
    }

    /**
     * Global rows written: the global revision moves on, as one that checks depend on (V28; on
     * plain PostgreSQL the tables' triggers have moved it already, and this only records it so).
     */
    private void moveGlobalRevision() throws SQLException {
        if (written.keySet().stream().noneMatch(k -> k.area() != SnapshotKind.Area.TENANT)) {
            return;
        }
        PostgresSnapshots.settings(c, Scope.PLATFORM.value, "");
        try (PreparedStatement st = c.prepareStatement("SELECT " + SnapshotSql.quote(schema) + ".move_global_revision(true, false)")) {
            st.execute();
        }
    }
}
