package dev.iamkit.jooq;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import dev.iamkit.snapshot.SnapshotStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Snapshots of the PostgreSQL store. An export is one read-only REPEATABLE READ transaction (one
 * consistent state) that reads each table with a cursor ({@link #FETCH} rows a round trip), so
 * the rows never sit in memory together; an import is one transaction that writes in batches
 * ({@link SnapshotWriter}). Each table is read and written under the setting its row level
 * security asks for (V12): the platform or identity scope, or the tenant, one organization at a
 * time; so a login that owns the schema, or the application's, can run them. With encryption on,
 * users and magic-link challenges' addresses go out opened and come in sealed ({@link SnapshotSql},
 * {@link SnapshotWriter}).
 */
final class PostgresSnapshots implements SnapshotStore {
    static final int FETCH = 1000;

    private final DataSource dataSource;
    private final String schema;
    private final AuthzCache cache;
    private final JooqUserRows users;

    PostgresSnapshots(DataSource dataSource, String schema, AuthzCache cache, JooqUserRows users) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.cache = cache;
        this.users = users;
    }

    @Override
    public void exportRows(SnapshotScope scope, Consumer<SnapshotRow> sink) {
        Validate.notNull("scope", scope);
        Validate.notNull("sink", sink);
        inTransaction(true, c -> {
            List<UUID> orgs = organizations(c, scope);
            for (SnapshotKind kind : SnapshotKind.values()) {
                if (scope.includes(kind)) {
                    export(c, kind, scope, orgs, sink);
                }
            }
            return null;
        });
    }

    private interface Work<R> {
        R run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction of its own (read-only: REPEATABLE READ, one consistent state), committed when it returns. */
    private <R> R inTransaction(boolean readOnly, Work<R> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (readOnly) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
            }
            try {
                R result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                Sql.rollbackQuietly(c);
                throw t;
            }
        } catch (SQLException | RuntimeException e) {
            throw Sql.rethrow(e);
        }
    }

    /** The organizations whose tenant rows the export holds, in uuid order. */
    private List<UUID> organizations(Connection c, SnapshotScope scope) throws SQLException {
        settings(c, Scope.PLATFORM.value, "");
        List<UUID> out = new ArrayList<>();
        String where = scope.org().isPresent() ? " WHERE id = ?" : "";
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM " + SnapshotSql.quote(schema) + ".organization" + where + " ORDER BY id")) {
            if (scope.org().isPresent()) {
                st.setObject(1, scope.org().get().value());
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (scope.org().isPresent() && out.isEmpty()) {
            throw new NotFoundException("organization", scope.org().get());
        }
        return out;
    }

    private void export(Connection c, SnapshotKind kind, SnapshotScope scope, List<UUID> orgs, Consumer<SnapshotRow> sink) throws SQLException {
        SnapshotSql sql = new SnapshotSql(schema, kind, users);
        if (kind.area() == SnapshotKind.Area.TENANT) {
            for (UUID org : orgs) {
                settings(c, "", org.toString());
                // a counter row of zeros says what no row says (the memory store has no row to tell them apart)
                String where = kind == SnapshotKind.ORG_COUNTER ? "org_id = ? AND (revision <> 0 OR audit_seq <> 0)" : "org_id = ?";
                stream(c, sql.select(where), org, sink, sql);
            }
            return;
        }
        String scopeValue = kind.area() == SnapshotKind.Area.PLATFORM ? Scope.PLATFORM.value : Scope.IDENTITY.value;
        UUID org = scope.org().map(OrgId::value).orElse(null);
        settings(c, scopeValue, org == null ? "" : org.toString());
        String where = org == null ? "" : switch (kind.inOrg()) {
            case OWN_ROW -> "id = ?";
            case MEMBERS -> SnapshotSql.quote(kind == SnapshotKind.APP_USER ? "id" : "user_id")
                    + " IN (SELECT user_id FROM " + SnapshotSql.quote(schema) + ".membership WHERE org_id = ?)";
            case ALL, NONE -> "";
        };
        stream(c, sql.select(where), where.isEmpty() ? null : org, sink, sql);
    }

    private static void stream(Connection c, String select, UUID param, Consumer<SnapshotRow> sink, SnapshotSql sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(select)) {
            st.setFetchSize(FETCH);
            if (param != null) {
                st.setObject(1, param);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sink.accept(sql.read(rs));
                }
            }
        }
    }

    /** Sets the transaction-local scope and tenant (empty: none) that row level security reads. */
    static void settings(Connection c, String scope, String org) throws SQLException {
        // SET LOCAL, which Citus carries to the workers (set_config does not); SET takes no bind values, and both are
        // the library's own: a scope's name and a uuid's canonical text (or empty)
        if (!scope.matches("[a-z]*") || !org.matches("[0-9a-f-]*")) {
            throw new IllegalArgumentException("not a scope and an organization id: " + scope + ", " + org);
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LOCAL " + Scope.SETTING + " = '" + scope + "'; SET LOCAL iamkit.org_id = '" + org + "'");
        }
    }

    @Override
    public SnapshotImport importRows(Iterator<SnapshotRow> rows) {
        Validate.notNull("rows", rows);
        SnapshotImport done = inTransaction(false, c -> new SnapshotWriter(c, schema, users).write(rows));
        cache.everythingChanged();
        return done;
    }
}
