package dev.iamkit.jooq;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The permission-check functions ({@code can}, {@code can_all}, {@code can_view}; V6, V12) and the
 * compile of a user's access ({@code compile_direct}; V16, V25, V26, V34, V35), named
 * in the configured schema. They answer only about the tenant the caller has set (V12), so the
 * library's own calls set it in the same statement: {@code set_config} in a CTE, which PostgreSQL
 * evaluates once, before the call (a CTE with a volatile function is never inlined). One
 * statement, so the driver may keep it prepared on the server; in autocommit the setting ends
 * with the statement's implicit transaction, in a transaction it names the transaction's tenant.
 */
final class AccessFunctions {
    private final Name can;
    private final Name canView;
    /** The checks' own statements, rendered once: the hot path binds and runs them without building a query. */
    final String canCall;
    /** {@link #canCall} for a feature named by its code: the code is resolved in the same statement (no such feature: false). */
    final String canByCodeCall;
    final String canAllCall;
    final String canViewCall;
    /** The cache's compile of one user's access (V35): rows of {@code compile_direct}, read in the statement's one snapshot ({@link MemberRows}). */
    final String compileCall;
    /**
     * The user's own rows of a compile, without a function: the revisions, the counters of the
     * shared parts, the user's half of the gate, the roles of the user's live assignments (direct
     * and through teams) with their earliest future expiry, and the user's teams, in one snapshot
     * ({@link MemberRows#own}). A compile sends it first when the store holds copies of what the
     * organization's members share; when they are at its counters, it is the whole compile.
     */
    final String ownCall;
    /**
     * For {@code Consistency.full()}: the organization's revision (null: none yet) and the global
     * revision at which checks last depended on a change (V28), in one statement, so one snapshot.
     * The tenant is set first and the counters read in a lateral sub-select of it, which
     * PostgreSQL runs only once the setting is made ({@link ScopedFind}); under another setting the
     * global counter's policy hides its row and the read gives a null, never an old revision.
     */
    final String currentCall;
    /** The catalog the compiles of this store last received (V26). */
    final CompileCatalog catalog = new CompileCatalog();
    /** What the members of each organization share in those compiles, as they last received it (V34). */
    final SharedAccess shared = new SharedAccess();
    /** The compiles {@link #ownCall} made alone, and those {@code compile_direct} made (tests read them). */
    final LongAdder ownCompiles = new LongAdder();
    final LongAdder functionCompiles = new LongAdder();

    AccessFunctions(String schema) {   // a validated identifier (PostgresIamConfig)
        this.can = DSL.name(schema, "can");
        this.canView = DSL.name(schema, "can_view");
        String s = "\"" + schema + "\".";
        String tenant = "WITH t(o) AS (SELECT set_config('iamkit.org_id', ?::text, true)::uuid) SELECT ";
        this.canCall = tenant + s + "can(t.o, ?, ?, ?, ?) FROM t";
        // correlated with t, so the catalog is read once the tenant is set (the catalog is visible to a tenant)
        this.canByCodeCall = tenant + s + "can(t.o, ?, (SELECT f.id FROM " + s + "feature f WHERE f.code = ? AND t.o IS NOT NULL), ?, ?) FROM t";
        this.canAllCall = tenant + s + "can_all(t.o, ?, ?, ?, ?) FROM t";
        this.canViewCall = tenant + s + "can_view(t.o, ?, ?, ?) FROM t";
        // lateral on t, so the function runs once the tenant is set
        // the arrays as their text form, whatever the driver's binary settings: read by ArrayText
        this.compileCall = tenant + "c.r_kind, c.r_id, c.r_open, c.r_revision, c.r_global, c.r_valid_until, c.r_features::text, "
                + "c.r_actions::text, c.r_deny_features::text, c.r_deny_actions::text, c.r_views::text, c.r_deny_views::text, "
                + "c.r_access, c.r_epoch, c.r_roles::text, c.r_teams::text, c.r_org_open, c.r_org_until, c.r_includers::text, "
                + "c.r_included::text FROM t, " + s + "compile_direct(t.o, ?, ?, ?, ?, ?, ?::uuid[]) AS c";
        // lateral on t, which sets the tenant, so every table is read once it is set; its parameters as t's columns
        this.ownCall = "SELECT g.* FROM (SELECT set_config('iamkit.org_id', ?::text, true)::uuid AS o, ?::uuid AS u) t"
                + " CROSS JOIN LATERAL (SELECT coalesce(c.revision, 0), coalesce(gc.revision, 0), c.access_revision, gc.catalog_epoch,"
                + " EXISTS (SELECT 1 FROM " + s + "app_user x WHERE x.id = t.u AND x.deleted_at IS NULL AND x.status = 'ACTIVE')"
                + " AND EXISTS (SELECT 1 FROM " + s + "membership m WHERE m.org_id = t.o AND m.user_id = t.u AND m.status = 'ACTIVE'),"
                // every assignment of the user's, direct and through teams, as its role or "role/expiry" (seconds since the epoch,
                // or infinity): the caller keeps the live ones and their earliest future expiry (measured: cheaper than aggregating here)
                + " ARRAY(SELECT ua.role_id::text || " + expiry("ua")
                + " FROM " + s + "user_assignment ua WHERE ua.org_id = t.o AND ua.user_id = t.u"
                + " UNION ALL SELECT ta.role_id::text || " + expiry("ta")
                + " FROM " + s + "team_member tm JOIN " + s + "team_assignment ta ON ta.org_id = t.o AND ta.team_id = tm.team_id"
                + " WHERE tm.org_id = t.o AND tm.user_id = t.u)::text,"
                + " ARRAY(SELECT tm.team_id FROM " + s + "team_member tm WHERE tm.org_id = t.o AND tm.user_id = t.u)::text"
                + " FROM (SELECT 1) one"
                + " LEFT JOIN " + s + "global_counter gc ON true"
                + " LEFT JOIN " + s + "org_counter c ON c.org_id = t.o"
                + " WHERE t.o IS NOT NULL OFFSET 0) g";
        this.currentCall = "SELECT u.r, u.a FROM (SELECT set_config('iamkit.org_id', ?::text, true) AS v) t CROSS JOIN LATERAL ("
                + "SELECT (SELECT c.revision FROM " + s + "org_counter c WHERE c.org_id = ?) AS r, (SELECT g.access_revision FROM " + s
                + "global_counter g) AS a WHERE t.v IS NOT NULL OFFSET 0) u";
    }

    /** An assignment's expiry in {@link #ownCall}: empty for none, else "/" and the seconds since the epoch, or "/infinity", "/-infinity". */
    private static String expiry(String alias) {
        String at = alias + ".expires_at";
        return "coalesce('/' || CASE WHEN isfinite(" + at + ") THEN extract(epoch FROM " + at + ")::text ELSE " + at + "::text END, '')";
    }

    Field<Boolean> can(Field<UUID> org, Field<UUID> user, Field<UUID> feature, Field<String> action, Field<OffsetDateTime> at) {
        return DSL.function(can, SQLDataType.BOOLEAN, org, user, feature, action, at);
    }

    Field<Boolean> canView(Field<UUID> org, Field<UUID> user, Field<UUID> view, Field<OffsetDateTime> at) {
        return DSL.function(canView, SQLDataType.BOOLEAN, org, user, view, at);
    }
}
