package dev.iamkit.bench;

import dev.iamkit.error.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The floors that writes are measured against, each one transaction through the same pool as the
 * library: the baseline write (the smallest honest write transaction) and the floor of an audited
 * write (the rows an assign writes and nothing else). The writes section times them alone; the
 * mixed workload puts each in place of the library's writes.
 */
final class FloorWrites {
    private FloorWrites() {
    }

    /** The baseline write's statement: one row into a table with one index ({@link WriteData#BASELINE_TABLE}). */
    static String baselineInsert(String schema) {
        return "INSERT INTO " + schema + "." + WriteData.BASELINE_TABLE + " (at) VALUES (now())";
    }

    /**
     * The baseline write: borrow, {@code BEGIN} and {@code insert}, then {@code alsoInTransaction}
     * if not null, {@code COMMIT} with its WAL flush, give back; the rows inserted.
     */
    static int baseline(DataSource pool, String insert, String alsoInTransaction) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                n = ps.executeUpdate();
            }
            if (alsoInTransaction != null) {
                try (PreparedStatement ps = c.prepareStatement(alsoInTransaction)) {
                    ps.execute();
                }
            }
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new StorageException("the baseline write failed: " + e.getMessage(), e, false);
        }
    }

    /**
     * The audited write's statements, bound by {@link #audited(DataSource, String, UUID, UUID, UUID)}:
     * the tenant setting, then one statement that upserts the assignment, moves the organization's
     * counter and appends an audit event (a snapshot of the size the store writes, a digest as its link).
     */
    static String auditedStatements(String s) {
        return """
                SELECT set_config('iamkit.org_id', ?, true);
                WITH a AS (INSERT INTO %1$s.user_assignment AS x (org_id, role_id, user_id, granted_by, granted_at)
                           VALUES (?::uuid, ?::uuid, ?::uuid, 'system', now())
                           ON CONFLICT (org_id, role_id, user_id) DO UPDATE SET granted_at = excluded.granted_at, granted_by = excluded.granted_by
                           RETURNING x.org_id, x.role_id, x.user_id),
                     c AS (INSERT INTO %1$s.org_counter AS k (org_id, audit_seq, revision) SELECT a.org_id, 1, 1 FROM a
                           ON CONFLICT (org_id) DO UPDATE SET audit_seq = k.audit_seq + 1, revision = k.revision + 1
                           RETURNING k.org_id, k.audit_seq)
                INSERT INTO %1$s.audit_event (org_id, seq, id, at, actor, action, target_type, target_id, before, after, link)
                SELECT c.org_id, c.audit_seq, gen_random_uuid(), now(), 'system', 'assignment.granted', 'role', a.role_id::text, NULL,
                       json_build_object('roleId', a.role_id, 'principal', json_build_object('type', 'USER', 'userId', a.user_id),
                                         'grantedBy', 'system', 'grantedAt', now(), 'expiresAt', NULL),
                       sha256(c.audit_seq::text::bytea)
                  FROM a, c""".formatted(s);
    }

    /**
     * The floor of an audited write, as the application login under row level security: in one
     * round trip {@code statements} ({@link #auditedStatements}) for {@code user} and {@code role}
     * of {@code org}; then {@code COMMIT}. No validation, no reading of the chain's tail, no
     * signing, no statement rendering. Fails unless it appended one event.
     */
    static void audited(DataSource pool, String statements, UUID org, UUID role, UUID user) {
        int appended = transaction(pool, statements, org.toString(), org.toString(), role.toString(), user.toString());
        if (appended != 1) {
            throw new StorageException("the floor of an audited write appended " + appended + " events, not 1", false);
        }
    }

    /**
     * Runs {@code statements} (the tenant setting, then one write) in one round trip with
     * {@code values} bound in order, then {@code COMMIT}: the rows the write changed. The floors'
     * transaction, as the application login borrowing from {@code pool}.
     */
    static int transaction(DataSource pool, String statements, String... values) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement(statements)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setString(i + 1, values[i]);
                }
                ps.execute();
                ps.getMoreResults();
                n = ps.getUpdateCount();
            }
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new StorageException("a floor's write failed: " + e.getMessage(), e, false);
        }
    }
}
