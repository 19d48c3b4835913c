package dev.iamkit.migrations;

import dev.iamkit.error.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What this build of the library knows about its schema, without Flyway: where the scripts are,
 * which versions it ships, the default names and the history table. The PostgreSQL store reads
 * these at startup, so a host that migrates with the CLI or with its own Flyway runs the store
 * with no Flyway on its class path; {@link IamMigrations} is the part that needs Flyway.
 */
public final class IamSchema {
    /** Where the versioned scripts are, as a Flyway location. */
    public static final String MIGRATIONS = "classpath:db/iamkit/migration";
    /** Where the rollback script of each version is ({@code U<version>__<description>.sql}), as a class-path folder. */
    public static final String ROLLBACKS = "db/iamkit/rollback";
    /** The schema the library's objects and its migration history live in unless told otherwise. */
    public static final String DEFAULT_SCHEMA = "iamkit";
    /** The NOLOGIN role the migrations grant the store's privileges to unless told otherwise. */
    public static final String DEFAULT_APP_ROLE = "iamkit_app";
    /** The name of the library's own Flyway history table, inside its schema. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    /** The scripts this build of the library ships, newest last. */
    static final List<String> SCRIPTS = List.of("V1__core", "V2__row_level_security", "V3__app_role", "V4__role_inclusion", "V5__revisions",
            "V6__access_functions", "V7__navigation",
            "V8__sessions_and_keys", "V9__challenges_limits_usage", "V10__audit_chain", "V11__audit_key", "V12__scopes", "V13__team_name_key",
            "V14__idempotency_keys", "V15__global_revision", "V16__compile_access", "V17__audit_tail", "V18__change_reach",
            "V19__change_poll", "V20__passwords", "V21__consents", "V24__encrypted_personal_data", "V25__role_access",
            "V26__compile_catalog", "V27__sealed_magic_link_email", "V28__store_stamps",
            "V29__checks_on_citus", "V30__one_shard_statement_checks", "V31__tenant_on_shards",
            "V32__can_all_generic_plan", "V33__audit_snapshots_lz4", "V34__compile_context", "V35__compile_direct");

    /**
     * The tables without {@code org_id} (organizations, users, the catalog, menus, sessions, ...)
     * at the latest version: on Citus they become reference tables, copied to every node.
     */
    static final List<String> GLOBAL_TABLES = List.of("organization", "app_user", "module", "feature", "feature_action",
            "catalog_view", "module_feature", "module_view", "feature_view", "menu_item", "global_counter", "user_session",
            "session_token", "api_key_lookup", "magic_link_challenge", "rate_limit_window", "password_credential", "consent",
            "privacy_request", "user_data_key");

    /**
     * The tenant tables ({@code org_id} first in every key) at the latest version: on Citus they are
     * distributed by {@code org_id} and colocated with the first of them, {@code org_counter}.
     */
    static final List<String> TENANT_TABLES = List.of("org_counter", "entitlement", "membership", "team", "team_member", "role",
            "role_inclusion", "feature_grant", "view_grant", "user_assignment", "team_assignment", "role_access", "trail_entry",
            "api_key", "usage_counter", "idempotency_key", "audit_event");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private IamSchema() {
    }

    /**
     * True when Citus holds tables of {@code schema} (it was distributed, {@link IamMigrations#distribute()});
     * always false on a database without Citus. Two catalog reads on {@code c}, any login.
     */
    public static boolean distributedOnCitus(java.sql.Connection c, String schema) throws java.sql.SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition p"
                + " JOIN pg_catalog.pg_class r ON r.oid = p.logicalrelid JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ?)")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The version the newest script of this library brings the schema to. */
    public static String latestVersion() {
        return version(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /** Every version this library ships, oldest first (the numbering may have gaps). */
    public static List<String> versions() {
        return SCRIPTS.stream().map(IamSchema::version).toList();
    }

    /** The global tables of the latest version (no {@code org_id}), which Citus holds as reference tables. */
    public static List<String> globalTables() {
        return GLOBAL_TABLES;
    }

    /** The tenant tables of the latest version, which Citus distributes by {@code org_id}, the first one being the colocation anchor. */
    public static List<String> tenantTables() {
        return TENANT_TABLES;
    }

    /** True when {@code version} is one of this library's. */
    public static boolean isVersion(String version) {
        return version != null && SCRIPTS.stream().anyMatch(v -> v.startsWith("V" + version + "__"));
    }

    /**
     * The placeholders the scripts use.
     *
     * @throws ValidationException when {@code appRole} is not a plain lower-case SQL identifier
     */
    public static Map<String, String> placeholders(String appRole) {
        return Map.of("appRole", identifier("appRole", appRole));
    }

    /** The script of {@code version} ({@code V<version>__<description>}), if it is one of this library's. */
    static java.util.Optional<String> script(String version) {
        return SCRIPTS.stream().filter(v -> v.startsWith("V" + version + "__")).findFirst();
    }

    static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new ValidationException(what, "must be a lower-case SQL identifier (letters, digits, '_'), not " + name);
        }
        return name;
    }

    private static String version(String script) {
        return script.substring(1, script.indexOf("__"));
    }
}
