package dev.iamkit.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a migrated schema into Citus tables, in one transaction on the coordinator: the global
 * tables ({@link IamSchema#GLOBAL_TABLES}) become reference tables, the tenant tables
 * ({@link IamSchema#TENANT_TABLES}) are distributed by {@code org_id}, colocated with
 * {@code org_counter}. Tables already in that state are left alone, so a second run changes
 * nothing; a table that Citus holds in another state (by hand, by another column) is refused.
 *
 * <p>The order Citus accepts: the foreign keys that touch a table still to convert are dropped
 * first (Citus refuses a reference table with cascading foreign keys to a local table, and a
 * foreign key between two tenant tables until both are colocated), every table is converted, and
 * the keys are added again under their own names and definitions, which validates them. Within one
 * transaction Citus needs its sequential mode, since reference tables and the foreign keys to
 * them are created before the distributed tables' DDL.
 *
 * <p>Triggers: Citus refuses to distribute a table with triggers unless
 * {@code citus.enable_unsafe_triggers} is on; it is turned on for this transaction only. They are
 * disabled while the rows are copied into the shards. The audit trail's (append only, V10) are
 * enabled again after and run on the shards. The others only stamp changes (the global revision
 * and the catalog epoch, V5, V15, V25), which they cannot do from a shard; they are dropped, and
 * the store's own statements do that work (V28). Dropping them is also what a second run does to a
 * schema distributed by a version that kept them.
 */
final class IamDistribution {
    static final String DISTRIBUTION_COLUMN = "org_id";
    /** The table whose triggers (append only, V10) stay on a distributed schema. */
    static final String AUDIT_TABLE = "audit_event";
    static final String SET_COMMANDS_SETTING = "citus.propagate_set_commands=local";
    private static final Logger LOG = LoggerFactory.getLogger(IamDistribution.class);

    /** How Citus holds a table: {@code partmethod}, {@code repmodel}, distribution column, colocation group. */
    private record Placement(String method, String replication, String column, int colocation) {
        boolean isReference() {
            return method.equals("n") && replication.equals("t");
        }
    }

    private record ForeignKey(String table, String name, String definition) {
    }

    private record Trigger(String table, String name) {
    }

    private final DataSource dataSource;
    private final String schema;
    private final String appRole;

    IamDistribution(DataSource dataSource, String schema, String appRole) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.appRole = appRole;
    }

    DistributionResult distribute() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DistributionResult result = distribute(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException("distributing schema " + schema + " on Citus failed, nothing was changed: " + e.getMessage(), e);
        }
    }

    private DistributionResult distribute(Connection c) throws SQLException {
        requireCitus(c);
        execute(c, "SET LOCAL search_path TO pg_catalog, pg_temp");   // every name below is qualified
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "iamkit distribute " + schema);
            lock.executeQuery().close();
        }
        Map<String, Placement> placed = placements(c);
        List<String> reference = IamSchema.GLOBAL_TABLES.stream().filter(t -> pendingReference(t, placed.get(t))).toList();
        String anchor = IamSchema.TENANT_TABLES.get(0);
        List<String> tenant = IamSchema.TENANT_TABLES.stream().filter(t -> pendingTenant(t, placed.get(t), placed.get(anchor))).toList();
        boolean roleSet = giveAppRoleItsSetting(c);
        execute(c, "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
        execute(c, "SET LOCAL citus.enable_unsafe_triggers TO on");
        if (reference.isEmpty() && tenant.isEmpty()) {
            int dropped = dropStampTriggers(c);
            LOG.info("iamkit schema {}: already distributed on Citus ({} stamping trigger(s) dropped)", schema, dropped);
            return new DistributionResult(0, 0, roleSet, dropped);
        }
        Set<String> converted = new HashSet<>(reference);
        converted.addAll(tenant);
        Set<String> withLocalData = withLocalData(c, converted);
        List<ForeignKey> keys = foreignKeysTouching(c, converted);
        List<Trigger> triggers = enabledTriggers(c, converted);
        for (Trigger t : triggers) {
            execute(c, "ALTER TABLE " + qualified(t.table()) + " DISABLE TRIGGER " + quote(t.name()));
        }
        for (ForeignKey k : keys) {
            execute(c, "ALTER TABLE " + qualified(k.table()) + " DROP CONSTRAINT " + quote(k.name()));
        }
        for (String t : reference) {
            call(c, "SELECT create_reference_table(?::regclass)", qualified(t));
        }
        for (String t : tenant) {
            if (t.equals(anchor)) {
                call(c, "SELECT create_distributed_table(?::regclass, '" + DISTRIBUTION_COLUMN + "')", qualified(t));
            } else {
                call(c, "SELECT create_distributed_table(?::regclass, '" + DISTRIBUTION_COLUMN + "', colocate_with => ?)",
                        qualified(t), qualified(anchor));
            }
        }
        for (String t : withLocalData) {
            // the rows are in the shards now; the coordinator's copy would stay on disk, personal data included
            call(c, "SELECT truncate_local_data_after_distributing_table(?::regclass)", qualified(t));
        }
        for (ForeignKey k : keys) {
            execute(c, "ALTER TABLE " + qualified(k.table()) + " ADD CONSTRAINT " + quote(k.name()) + " " + k.definition());
        }
        for (Trigger t : triggers) {
            if (t.table().equals(AUDIT_TABLE)) {
                execute(c, "ALTER TABLE " + qualified(t.table()) + " ENABLE TRIGGER " + quote(t.name()));
            }
        }
        int dropped = dropStampTriggers(c);
        LOG.info("iamkit schema {}: {} reference table(s) and {} table(s) distributed by {} on Citus ({} foreign key(s) re-added, "
                + "{} stamping trigger(s) dropped)", schema, reference.size(), tenant.size(), DISTRIBUTION_COLUMN, keys.size(), dropped);
        return new DistributionResult(reference.size(), tenant.size(), roleSet, dropped);
    }

    /** Every trigger of the schema's tables but the audit trail's: they stamp changes, which the store does itself (V28). */
    private int dropStampTriggers(Connection c) throws SQLException {
        List<Trigger> stamping = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.relname, t.tgname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE n.nspname = ? AND r.relname <> ? AND NOT t.tgisinternal
                 ORDER BY t.oid""")) {
            ps.setString(1, schema);
            ps.setString(2, AUDIT_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stamping.add(new Trigger(rs.getString(1), rs.getString(2)));
                }
            }
        }
        for (Trigger t : stamping) {
            execute(c, "DROP TRIGGER " + quote(t.name()) + " ON " + qualified(t.table()));
        }
        return stamping.size();
    }

    private void requireCitus(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database(), (SELECT extversion FROM pg_extension WHERE extname = 'citus')")) {
            rs.next();
            if (rs.getString(2) == null) {
                throw new MigrationException("the Citus extension is not installed in database " + rs.getString(1)
                        + ": distributing schema " + schema + " needs Citus (CREATE EXTENSION citus on the coordinator, with its workers"
                        + " added); on plain PostgreSQL the schema is used undistributed, nothing was changed");
            }
        }
    }

    private Map<String, Placement> placements(Connection c) throws SQLException {
        Map<String, Placement> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.relname, p.partmethod::text, p.repmodel::text,
                       CASE WHEN p.partkey IS NOT NULL THEN column_to_column_name(p.logicalrelid, p.partkey) END, p.colocationid
                  FROM pg_dist_partition p JOIN pg_class r ON r.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE n.nspname = ?""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Placement(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }

    private boolean pendingReference(String table, Placement p) {
        if (p == null) {
            return true;
        }
        if (!p.isReference()) {
            throw new MigrationException(refusal(table, "a reference table", p));
        }
        return false;
    }

    private boolean pendingTenant(String table, Placement p, Placement anchor) {
        if (p == null) {
            return true;
        }
        if (!p.method().equals("h") || !DISTRIBUTION_COLUMN.equals(p.column()) || anchor == null || anchor.colocation() != p.colocation()) {
            throw new MigrationException(refusal(table, "distributed by " + DISTRIBUTION_COLUMN + " and colocated with "
                    + IamSchema.TENANT_TABLES.get(0), p));
        }
        return false;
    }

    private String refusal(String table, String wanted, Placement p) {
        return "table " + schema + "." + table + " is already a Citus table (partition method '" + p.method() + "', column "
                + p.column() + ", colocation group " + p.colocation() + "), not " + wanted
                + ": undo it with undistribute_table() and distribute again; nothing was changed";
    }

    /** Tables whose local heap is not empty (row level security hides the rows from the owner, not their pages). */
    private Set<String> withLocalData(Connection c, Set<String> tables) throws SQLException {
        Set<String> out = new HashSet<>();
        for (String t : tables) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(?::regclass) > 0")) {
                ps.setString(1, qualified(t));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The enabled triggers of the tables (not Citus's own): they are disabled while the tables are
     * converted, so copying the rows into the shards fires none of them (Citus creates each shard
     * with the table's triggers before it copies; the global tables' triggers would bump the global
     * revision from inside a shard, and the audit trail's refuses the local TRUNCATE), and enabled
     * again after, on every shard.
     */
    private List<Trigger> enabledTriggers(Connection c, Set<String> tables) throws SQLException {
        List<Trigger> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.relname, t.tgname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE n.nspname = ? AND r.relname = ANY (?) AND NOT t.tgisinternal AND t.tgenabled <> 'D'
                 ORDER BY t.oid""")) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Trigger(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Foreign keys inside the schema whose referencing or referenced table is about to be converted, in creation order. */
    private List<ForeignKey> foreignKeysTouching(Connection c, Set<String> tables) throws SQLException {
        List<ForeignKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.relname, k.conname, pg_get_constraintdef(k.oid)
                  FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
                  JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE k.contype = 'f' AND n.nspname = ? AND f.relnamespace = r.relnamespace
                   AND (r.relname = ANY (?) OR f.relname = ANY (?))
                 ORDER BY k.oid""")) {
            ps.setString(1, schema);
            var names = c.createArrayOf("text", tables.toArray());
            ps.setArray(2, names);
            ps.setArray(3, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /**
     * {@code SET LOCAL iamkit.org_id} reaches the workers only with {@code citus.propagate_set_commands = 'local'}.
     * Returns whether the setting was missing (and is now given).
     */
    private boolean giveAppRoleItsSetting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
                                WHERE r.rolname = ? AND s.setdatabase = 0 AND ? = ANY (s.setconfig))""")) {
            ps.setString(1, appRole);
            ps.setString(2, SET_COMMANDS_SETTING);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        execute(c, "ALTER ROLE " + quote(appRole) + " SET citus.propagate_set_commands TO 'local'");
        return true;
    }

    private String qualified(String table) {
        return quote(schema) + "." + quote(table);
    }

    /** Names here are the library's own or checked identifiers ({@link IamSchema#identifier}), or read from the catalog. */
    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void call(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
