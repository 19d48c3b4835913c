package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.jooq.AttackWorld.Context;
import dev.iamkit.jooq.TableClasses.TableClass;
import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack suite: a login that is only a member of the application role, with raw JDBC and none
 * of the library's code, against a schema where the library wrote organizations A and B. Driven by
 * the catalog: every table (each with its class, {@link TableClasses}) × read, update, delete,
 * insert, upsert (and, for tenant tables, moving A's rows into B) × every setting a mistake or an
 * attacker without the library's privileged scopes can make; every function of the schema with B's
 * ids; every way of switching row level security off. Expected: no row of B (or of the platform and
 * identity tables) read or written, and every refusal a clean permission error (42501), or, for a
 * malformed setting, the failed uuid cast (22P02). What the design allows is listed in
 * {@link #allowedRead}, and nothing else.
 */
class AppLoginAttackTest {
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static String schema;
    private static HikariDataSource pool;
    private static AttackWorld world;

    @BeforeAll
    static void build() throws SQLException {
        schema = PG.createSchema("iamkit_attack");
        IamMigrations.of(TestDataSources.admin(PG), schema, TestDataSources.APP_ROLE).migrate();
        pool = TestDataSources.appPool(PG, "iamkit-attack", 2);
        world = AttackWorld.create(PG, pool, schema);
    }

    @AfterAll
    static void drop() {
        pool.close();
        PG.dropSchema(schema);
    }

    /**
     * Reads the design allows: shared platform rows read by a tenant, organizations read in the
     * identity scope, Flyway's history, and every organization's counter row in the platform scope
     * (V19: the change listener reads the revisions there; no tenant data).
     */
    private static boolean allowedRead(String table, TableClass cls, Context ctx) {
        return cls == TableClass.METADATA
                || cls == TableClass.PLATFORM && !table.equals("organization") && ctx.tenantSet()
                || table.equals("organization") && ctx == Context.IDENTITY_SCOPE
                || table.equals("org_counter") && ctx == Context.PLATFORM_SCOPE;
    }

    /**
     * Functions that tell about every organization by design: {@code changes_since} answers which
     * organizations' revisions moved, and each one's last reach, to the change listener of any
     * process (V19) — what the notification channel tells any session that listens.
     */
    private static final Set<String> DISCLOSING = Set.of("changes_since");

    /** The settings that attack a table of class {@code cls}: all but the scope that owns it. */
    private static List<Context> attacking(TableClass cls) {
        return List.of(Context.values()).stream()
                .filter(c -> c != Context.TENANT_B)
                .filter(c -> !(cls == TableClass.PLATFORM && c == Context.PLATFORM_SCOPE))
                .filter(c -> !(cls == TableClass.IDENTITY && c == Context.IDENTITY_SCOPE))
                .toList();
    }

    /** What the whole run found, printed at the end. */
    private static final class Tally {
        int statements;
        long rowsOfBRead;
        long rowsOfBWritten;
        int allowedReads;
        int answeredNothing;
        final Map<String, Integer> refusedByState = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        void refused(String state) {
            refusedByState.merge(state, 1, Integer::sum);
        }
    }

    /** The control: with the setting that owns a table, the same read does reach the rows the attacks aim at. */
    @Test
    void theAttacksAimAtRowsThatTheOwningSettingDoesReach() throws SQLException {
        try (Connection c = TestDataSources.app(PG).getConnection()) {
            for (String table : world.tables()) {
                Context owner = switch (TableClasses.CLASSES.get(table)) {
                    case TENANT -> Context.TENANT_B;
                    case IDENTITY -> Context.IDENTITY_SCOPE;
                    case PLATFORM -> Context.PLATFORM_SCOPE;
                    case METADATA -> Context.NONE;
                };
                AttackWorld.Outcome o = world.run(c, owner, "SELECT count(*) FROM \"" + schema + "\"." + table + " WHERE " + world.predicate(table));
                assertThat(o.refused()).as(table + ": " + o.message()).isFalse();
                assertThat(o.rows()).as(table + " under " + owner).isPositive();
            }
        }
    }

    /** Inside its tenant scope an organization reads its own row and its members' user rows, and changes neither. */
    @Test
    void aTenantReadsItsOwnOrganizationRowAndItsMembersButChangesNeither() throws SQLException {
        String s = "\"" + schema + "\".";
        try (Connection c = TestDataSources.app(PG).getConnection()) {
            for (String table : List.of("organization", "app_user")) {
                String pred = world.predicate(table);
                assertThat(world.run(c, Context.TENANT_B, "SELECT count(*) FROM " + s + table + " WHERE " + pred).rows()).as(table).isEqualTo(1);
                String column = world.firstColumn(table);
                for (String sql : List.of("UPDATE " + s + table + " SET " + column + " = " + column + " WHERE " + pred,
                        "DELETE FROM " + s + table + " WHERE " + pred)) {
                    AttackWorld.Outcome o = world.run(c, Context.TENANT_B, sql);
                    assertThat(o.refused() || o.rows() == 0).as(sql + ": " + o).isTrue();
                }
            }
            assertThat(world.run(c, Context.TENANT_B, "SELECT count(*) FROM " + s + "organization").rows()).isEqualTo(1);
            assertThat(world.run(c, Context.TENANT_B, "SELECT count(*) FROM " + s + "app_user").rows()).isEqualTo(1);
        }
    }

    /**
     * The audit forgery: with B's tenant set, the login takes the next seq and appends an event with a
     * correctly computed unkeyed link, or one claiming the store's key id. Neither verifies.
     */
    @Test
    void anAuditEventTheApplicationLoginAppendsIsNeverVerified() throws SQLException {
        OrgId b = new OrgId(world.b());
        try (PostgresIam db = AttackWorld.open(pool, schema)) {
            assertThat(db.tenant(b).audit().verify().intact()).as("before the forgery").isTrue();
            AuditForger forger = new AuditForger(PG, schema);
            forger.appendUnkeyed(b, null);
            AuditVerification unkeyed = db.tenant(b).audit().verify();
            forger.appendUnkeyed(b, "k1");
            AuditVerification claimed = db.tenant(b).audit().verify();
            System.out.printf("AppLoginAttackTest: 2 audit events forged by the application login in B: verified %d of them (%s; %s)%n",
                    claimed.verified() - unkeyed.verified(), unkeyed, claimed);
            assertThat(unkeyed.intact()).isFalse();
            assertThat(unkeyed.unkeyed()).isEqualTo(1);
            assertThat(claimed.intact()).isFalse();
            assertThat(claimed.broken()).isPositive();
            assertThat(claimed.verified()).isEqualTo(unkeyed.verified());
            assertThat(db.tenant(new OrgId(world.a())).audit().verify().intact()).isTrue();
        }
    }

    @Test
    void theApplicationLoginReachesNoRowOfAnotherTenantNorOfThePlatformAndCannotSwitchIsolationOff() throws SQLException {
        Tally t = new Tally();
        Map<String, String> before = world.digests();
        try (Connection c = TestDataSources.app(PG).getConnection()) {
            attackFunctions(c, t);   // first: they write nothing, and their controls need B's rows whole
            attackTables(c, t);
            switchOff(c, t);
        }
        Map<String, String> after = world.digests();
        for (String table : before.keySet()) {
            if (!before.get(table).equals(after.get(table))) {
                t.rowsOfBWritten++;
                t.failures.add(table + ": its rows of B (or its platform rows) changed");
            }
        }
        System.out.printf("AppLoginAttackTest: %d tables, %d statements as the application login: %d row(s) of B read, %d row(s) of B written; "
                        + "refused %s; %d answered nothing; %d allowed read(s) (shared catalog, organizations in the identity scope, Flyway's history, revisions in the platform scope)%n",
                TableClasses.CLASSES.size(), t.statements, t.rowsOfBRead, t.rowsOfBWritten, t.refusedByState, t.answeredNothing, t.allowedReads);
        assertThat(t.failures).as("what the application login reached").isEmpty();
        assertThat(t.rowsOfBRead).isZero();
        assertThat(t.rowsOfBWritten).isZero();
    }

    private static void attackTables(Connection c, Tally t) throws SQLException {
        if (!Set.copyOf(world.tables()).equals(TableClasses.CLASSES.keySet())) {
            t.failures.add("tables without a class, or classes without a table: " + world.tables() + " against " + TableClasses.CLASSES.keySet());
        }
        Map<String, String> samples = new TreeMap<>();
        for (String table : world.tables()) {
            samples.put(table, world.sampleRow(table));   // before any attack could remove them
        }
        for (String table : world.tables()) {
            TableClass cls = TableClasses.CLASSES.getOrDefault(table, TableClass.TENANT);
            String pred = world.predicate(table);
            String q = "\"" + schema + "\"." + table;
            String column = world.firstColumn(table);
            String copy = "SELECT * FROM json_populate_record(NULL::" + q + ", ?::json)";
            String row = samples.get(table);
            for (Context ctx : attacking(cls)) {
                read(c, t, table, cls, ctx, "SELECT count(*) FROM " + q + " WHERE " + pred);
                if (!ctx.tenantSet() && !ctx.scopeSet()) {
                    read(c, t, table, cls, ctx, "SELECT count(*) FROM " + q);   // fail closed: no setting, no rows at all
                }
                write(c, t, table, ctx, "UPDATE " + q + " SET " + column + " = " + column + " WHERE " + pred);
                write(c, t, table, ctx, "DELETE FROM " + q + " WHERE " + pred);
                write(c, t, table, ctx, "INSERT INTO " + q + " " + copy, row);
                write(c, t, table, ctx, "INSERT INTO " + q + " " + copy + " ON CONFLICT (" + world.primaryKey(table) + ") DO UPDATE SET "
                        + column + " = EXCLUDED." + column, row);
                if (cls == TableClass.TENANT && ctx.tenantSet()) {
                    write(c, t, table, ctx, "UPDATE " + q + " SET org_id = '" + world.b() + "' WHERE org_id = '" + world.a() + "'");
                }
            }
        }
    }

    private static void read(Connection c, Tally t, String table, TableClass cls, Context ctx, String sql) throws SQLException {
        AttackWorld.Outcome o = world.run(c, ctx, sql);
        t.statements++;
        if (o.refused()) {
            refusal(t, ctx, table + " " + ctx + ": " + sql, o);
        } else if (o.rows() == 0) {
            t.answeredNothing++;
        } else if (allowedRead(table, cls, ctx)) {
            t.allowedReads++;
        } else {
            t.rowsOfBRead += o.rows();
            t.failures.add(table + " " + ctx + ": read " + o.rows() + " row(s): " + sql);
        }
    }

    private static void write(Connection c, Tally t, String table, Context ctx, String sql, String... params) throws SQLException {
        AttackWorld.Outcome o = world.run(c, ctx, sql, params);
        t.statements++;
        if (o.refused()) {
            refusal(t, ctx, table + " " + ctx + ": " + sql, o);
        } else if (o.rows() == 0) {
            t.answeredNothing++;
        } else {
            t.rowsOfBWritten += o.rows();
            t.failures.add(table + " " + ctx + ": wrote " + o.rows() + " row(s): " + sql);
        }
    }

    private static void refusal(Tally t, Context ctx, String what, AttackWorld.Outcome o) {
        t.refused(o.state());
        boolean clean = o.state().equals("42501") || ctx == Context.GARBAGE && o.state().equals("22P02");
        if (!clean) {
            t.failures.add(what + ": refused with " + o.state() + " (" + o.message() + "), not a permission error");
        }
    }

    /** Every function of the schema, asked about B; each must say nothing about B, or refuse. */
    private static void attackFunctions(Connection c, Tally t) throws SQLException {
        Map<String, String> calls = world.functionCalls();
        if (!Set.copyOf(world.functions()).equals(calls.keySet())) {
            t.failures.add("functions without an attack, or attacks without a function: " + world.functions() + " against " + calls.keySet());
        }
        for (Map.Entry<String, String> f : calls.entrySet()) {
            if (!world.functions().contains(f.getKey())) {
                continue;
            }
            // the control: as B, the same call does answer about B (or, for a trigger function and for the move of the
            // global revision, which only the platform and identity scopes may make, is refused). Not for
            // refresh_role_access: as B it rewrites B's rows, legitimately, and the digests would count that; what it
            // may do as anyone else is what the digests and the refusals below judge.
            boolean trigger = Set.of("move_global_revision", "bump_global_revision", "bump_catalog_epoch", "audit_event_append_only",
                    "keep_access_revision").contains(f.getKey());
            if (!f.getKey().equals("refresh_role_access")) {
                AttackWorld.Outcome control = world.run(c, Context.TENANT_B, f.getValue());
                if (!trigger && control.rows() != 1) {
                    t.failures.add(f.getKey() + " as tenant B (the control) did not answer about B: " + control);
                }
            }
            boolean movesTheGlobalRevision = f.getKey().equals("move_global_revision");
            for (Context ctx : Context.values()) {
                if (ctx == Context.TENANT_B || movesTheGlobalRevision && ctx.scopeSet()) {
                    continue;   // the scopes that write global data may move the global revision (V28): a write, which the digests would count
                }
                AttackWorld.Outcome o = world.run(c, ctx, f.getValue());
                t.statements++;
                if (movesTheGlobalRevision && !o.refused()) {
                    t.failures.add("move_global_revision " + ctx + ": not refused outside the platform and identity scopes");
                }
                if (o.refused()) {
                    refusal(t, ctx, f.getKey() + " " + ctx, o);
                } else if (o.rows() == 0) {
                    t.answeredNothing++;
                } else if (DISCLOSING.contains(f.getKey())) {
                    t.allowedReads++;
                } else {
                    t.rowsOfBRead++;
                    t.failures.add(f.getKey() + " " + ctx + ": answered about B: " + f.getValue());
                }
            }
        }
    }

    /** Every way to turn the policies or the triggers off, as the application login: all refused with 42501. */
    private static void switchOff(Connection c, Tally t) throws SQLException {
        List<String> attempts = new ArrayList<>(List.of(
                "SET LOCAL session_replication_role = replica",
                "SET LOCAL ROLE " + PG.user(),
                "SET LOCAL SESSION AUTHORIZATION " + PG.user()));
        for (String table : world.tables()) {
            String q = "\"" + schema + "\"." + table;
            attempts.add("ALTER TABLE " + q + " DISABLE ROW LEVEL SECURITY");
            attempts.add("ALTER TABLE " + q + " NO FORCE ROW LEVEL SECURITY");
            attempts.add("ALTER TABLE " + q + " DISABLE TRIGGER ALL");
            attempts.add("CREATE POLICY open_door ON " + q + " USING (true)");
            attempts.add("TRUNCATE " + q);
        }
        for (String[] policy : world.policies()) {
            attempts.add("DROP POLICY " + policy[1] + " ON \"" + schema + "\"." + policy[0]);
        }
        for (String sql : attempts) {
            AttackWorld.Outcome o = world.run(c, Context.NONE, sql);
            t.statements++;
            if (!o.refused()) {
                t.failures.add("not refused: " + sql);
            } else {
                refusal(t, Context.NONE, sql, o);
            }
        }
    }
}
