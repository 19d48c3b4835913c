package dev.iamkit.jooq;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.Impact;
import dev.iamkit.model.OrgId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * The change listener's poll (V19's {@code changes_since}, V28's global revision): reads the
 * organizations whose revision moved since the cursor, tells the cache, and makes the snapshot
 * they were read in the cursor, so a transaction that had not ended then is asked about again and
 * none is skipped. Used by the listener thread only.
 */
final class RevisionPoll {
    private final String schema;
    private final AuthzCache cache;
    /**
     * On Citus a poll is a transaction of its own that first sets the platform scope with
     * {@code SET LOCAL}: {@code changes_since} reads every organization's counter row on the
     * workers, and the scope it sets itself with {@code set_config} does not reach them.
     */
    private final boolean distributed;
    /**
     * The snapshot of the last poll: the first transaction id not yet given out then (-1 before the
     * first poll) and the transactions then running. A revision stamped by any other transaction
     * has been read.
     */
    private long cursor = -1;
    private Long[] running = new Long[0];

    RevisionPoll(String schema, AuthzCache cache, boolean distributed) {
        this.schema = schema;
        this.cache = cache;
        this.distributed = distributed;
    }

    /** Forgets the cursor: the next poll only takes one (what was committed before is in every compile from then on). */
    void reset() {
        cursor = -1;
        running = new Long[0];
    }

    /** One poll on the listener's connection {@code c}, which is in autocommit and stays so. */
    void poll(Connection c) throws SQLException {
        if (!distributed) {
            read(c);
            return;
        }
        c.setAutoCommit(false);
        try {
            Sql.setScope(c, Scope.PLATFORM);
            read(c);
            c.commit();
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private void read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next, still_running, org_id, revision, reach, access_revision FROM \""
                + schema + "\".changes_since(?, ?)")) {
            if (cursor < 0) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, cursor);
            }
            ps.setArray(2, c.createArrayOf("bigint", running));
            try (ResultSet rs = ps.executeQuery()) {
                long next = -1;
                Long[] stillRunning = null;
                while (rs.next()) {
                    if (stillRunning == null) {
                        next = rs.getLong(1);
                        stillRunning = (Long[]) rs.getArray(2).getArray();
                        cache.globalChanged(rs.getLong(6));   // the last global revision checks depend on (V28)
                    }
                    UUID org = rs.getObject(3, UUID.class);
                    if (org != null) {
                        String reach = rs.getString(5);
                        cache.orgChanged(new OrgId(org), rs.getLong(4), reach == null ? Impact.everything() : Impact.decode(reach));
                    }
                }
                if (stillRunning == null) {
                    throw new SQLException("changes_since answered no cursor");
                }
                cursor = next;
                running = stillRunning;
            }
        }
    }
}
