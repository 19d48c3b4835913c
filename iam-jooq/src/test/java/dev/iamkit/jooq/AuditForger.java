package dev.iamkit.jooq;

import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditEventId;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.AuditChain;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * What an attacker holding the application's database login (a member of the application role
 * only, under row level security) can do to an organization's trail: set the tenant, take the
 * next seq from {@code org_counter} and insert an event whose link is the unkeyed digest, computed
 * from the stored previous link exactly as a store without a key would. It cannot make a keyed
 * link: the key is not in the database.
 */
final class AuditForger {
    private final PostgresTestDatabase pg;
    private final String schema;

    AuditForger(PostgresTestDatabase pg, String schema) {
        this.pg = pg;
        this.schema = schema;
    }

    /** Appends one forged event to {@code org}'s trail claiming key id {@code keyId} (null: unkeyed); returns its seq. */
    long appendUnkeyed(OrgId org, String keyId) throws SQLException {
        try (Connection c = TestDataSources.app(pg).getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL iamkit.org_id = '" + org.value() + "'");
            }
            long seq = single(c, "UPDATE " + schema + ".org_counter SET audit_seq = audit_seq + 1 WHERE org_id = ? RETURNING audit_seq", org,
                    rs -> rs.getLong(1));
            byte[] previous = seq == 1 ? null
                    : single(c, "SELECT link FROM " + schema + ".audit_event WHERE org_id = ? AND seq = " + (seq - 1), org, rs -> rs.getBytes(1));
            AuditEvent forged = new AuditEvent(new AuditEventId(UUID.randomUUID()), org, seq, Instant.now().truncatedTo(ChronoUnit.MICROS),
                    "system", "role.create", "role", UUID.randomUUID().toString(), Optional.empty(), Optional.of("{\"code\":\"backdoor\"}"),
                    Optional.empty(), Optional.empty());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".audit_event "
                    + "(org_id, seq, id, at, actor, action, target_type, target_id, after, link, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?)")) {
                ps.setObject(1, org.value());
                ps.setLong(2, seq);
                ps.setObject(3, forged.id().value());
                ps.setObject(4, forged.at().atOffset(ZoneOffset.UTC));
                ps.setString(5, forged.actor());
                ps.setString(6, forged.action());
                ps.setString(7, forged.targetType());
                ps.setString(8, forged.targetId());
                ps.setString(9, forged.after().orElseThrow());
                ps.setBytes(10, AuditChain.link(previous, forged));
                ps.setString(11, keyId);
                ps.executeUpdate();
            }
            c.commit();
            return seq;
        }
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T single(Connection c, String sql, OrgId org, Column<T> column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return column.read(rs);
            }
        }
    }
}
