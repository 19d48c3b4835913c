package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the system catalog of a migrated schema and checks the isolation rules hold for every
 * table, including any a later migration adds: every table has a class ({@link TableClasses}) and,
 * but Flyway's history, row level security enabled and forced with a policy per command and no
 * sub-select in any policy; each table with {@code org_id} has {@code org_id} first in its primary
 * key, its unique keys and its foreign keys to other tenant tables; the application role owns
 * nothing and cannot bypass the policies.
 */
class SchemaSelfAuditTest {
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    /** Global tables a tenant table may reference without org_id: Citus reference tables. */
    private static final Set<String> GLOBAL = Set.of("organization", "app_user", "module", "feature", "feature_action", "catalog_view");
    private static String schema;

    @BeforeAll
    static void migrate() {
        schema = PG.createSchema("iamkit_audit");
        IamMigrations.of(TestDataSources.admin(PG), schema, TestDataSources.APP_ROLE).migrate();
    }

    @AfterAll
    static void drop() {
        PG.dropSchema(schema);
    }

    private static List<List<String>> rows(String sql, Object... args) throws SQLException {
        try (Connection c = PG.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    private static List<String> tenantTables() throws SQLException {
        return rows("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
                where n.nspname = ? and c.relkind = 'r' order by 1""", schema).stream().map(r -> r.get(0)).toList();
    }

    private static List<String> allTables() throws SQLException {
        return rows("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relkind in ('r', 'p') order by 1""", schema).stream().map(r -> r.get(0)).toList();
    }

    @Test
    void everyTableWithOrgIdIsATenantTableWeKnow() throws SQLException {
        assertThat(tenantTables()).containsExactlyInAnyOrderElementsOf(RowLevelSecurityTest.TENANT_TABLES);
        assertThat(tenantTables()).containsExactlyInAnyOrderElementsOf(TableClasses.CLASSES.entrySet().stream()
                .filter(e -> e.getValue() == TableClasses.TableClass.TENANT).map(java.util.Map.Entry::getKey).toList());
    }

    @Test
    void everyTableHasAClass() throws SQLException {
        assertThat(allTables()).containsExactlyInAnyOrderElementsOf(TableClasses.CLASSES.keySet());
    }

    @Test
    void everyTableButFlywaysHistoryHasRowLevelSecurityEnabledAndForcedWithAPolicyPerCommand() throws SQLException {
        for (String t : allTables()) {
            if (TableClasses.CLASSES.get(t) == TableClasses.TableClass.METADATA) {
                continue;
            }
            List<String> r = rows("select relrowsecurity::text, relforcerowsecurity::text from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = ? and c.relname = ?", schema, t).get(0);
            assertThat(r).as(t).containsExactly("true", "true");
            assertThat(rows("select cmd from pg_policies where schemaname = ? and tablename = ?", schema, t))
                    .as(t).extracting(p -> p.get(0)).containsExactlyInAnyOrder("SELECT", "INSERT", "UPDATE", "DELETE");
        }
    }

    /** Citus refuses sub-selects in the policies of distributed tables; the one membership test is a function. */
    @Test
    void noPolicyHasASubSelect() throws SQLException {
        List<List<String>> policies = rows("select tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') from pg_policies where schemaname = ?",
                schema);
        assertThat(policies).hasSizeGreaterThanOrEqualTo(4 * (TableClasses.CLASSES.size() - 1));
        for (List<String> p : policies) {
            assertThat(p.get(2).toLowerCase(java.util.Locale.ROOT)).as(p.get(0) + " " + p.get(1)).doesNotContain("select");
        }
    }

    @Test
    void theApplicationRoleMayOnlyReadFlywaysHistoryAndMayNotCallTriggerFunctions() throws SQLException {
        assertThat(rows("select privilege_type from information_schema.role_table_grants where table_schema = ? and table_name = ? and grantee = ?",
                schema, IamMigrations.HISTORY_TABLE, TestDataSources.APP_ROLE)).extracting(r -> r.get(0)).containsExactly("SELECT");
        List<List<String>> triggers = rows("""
                select p.proname, has_function_privilege(?, p.oid, 'EXECUTE')::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = ? and p.prorettype = 'trigger'::regtype order by 1""", TestDataSources.APP_ROLE, schema);
        assertThat(triggers).extracting(r -> r.get(0)).containsExactly("audit_event_append_only", "bump_catalog_epoch", "bump_global_revision",
                "keep_access_revision");
        assertThat(triggers).allSatisfy(r -> assertThat(r.get(1)).as(r.get(0)).isEqualTo("false"));
    }

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForced() throws SQLException {
        for (String t : tenantTables()) {
            List<String> r = rows("select relrowsecurity::text, relforcerowsecurity::text from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = ? and c.relname = ?", schema, t).get(0);
            assertThat(r).as(t).containsExactly("true", "true");
        }
    }

    @Test
    void everyTenantTableHasAPolicyForEachCommandOnTheTenantSetting() throws SQLException {
        for (String t : tenantTables()) {
            List<List<String>> policies = rows("select cmd, coalesce(qual, ''), coalesce(with_check, '') from pg_policies where schemaname = ? and tablename = ? order by cmd",
                    schema, t);
            assertThat(policies).as(t).extracting(p -> p.get(0)).containsExactlyInAnyOrder("SELECT", "INSERT", "UPDATE", "DELETE");
            for (List<String> p : policies) {
                String expr = p.get(0).equals("INSERT") ? p.get(2) : p.get(1);
                if (t.equals("org_counter") && p.get(0).equals("SELECT")) {
                    // V19: the change listener reads every organization's revision in the platform scope; the counter holds no tenant data
                    assertThat(expr).as(t + " " + p.get(0)).isEqualTo("((org_id = (NULLIF(current_setting('iamkit.org_id'::text, true), ''::text))::uuid) "
                            + "OR (current_setting('iamkit.scope'::text, true) = 'platform'::text))");
                    continue;
                }
                assertThat(expr).as(t + " " + p.get(0)).isEqualTo("(org_id = (NULLIF(current_setting('iamkit.org_id'::text, true), ''::text))::uuid)");
                if (p.get(0).equals("UPDATE")) {
                    assertThat(p.get(2)).as(t + " UPDATE WITH CHECK").isEqualTo(p.get(1));
                }
            }
        }
    }

    @Test
    void theReachSettingOpensNothingNoPolicyReadsIt() throws SQLException {
        // iamkit.reach (V18, V19) only narrows which cached answers other processes drop: no row may depend on it
        List<List<String>> policies = rows("select tablename || ' ' || policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') "
                + "from pg_policies where schemaname = ?", schema);
        assertThat(policies).isNotEmpty();
        assertThat(policies).allSatisfy(p -> assertThat(p.get(1)).as(p.get(0)).doesNotContain("iamkit.reach"));
    }

    @Test
    void orgIdComesFirstInEveryPrimaryAndUniqueKeyOfATenantTable() throws SQLException {
        for (String t : tenantTables()) {
            List<List<String>> keys = rows("""
                    select i.relname, a.attname from pg_index x
                    join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace
                    join pg_class i on i.oid = x.indexrelid
                    left join pg_attribute a on a.attrelid = c.oid and a.attnum = x.indkey[0]
                    where n.nspname = ? and c.relname = ? and (x.indisunique or x.indisprimary)""", schema, t);
            assertThat(keys).as(t).isNotEmpty();
            for (List<String> k : keys) {
                assertThat(k.get(1)).as(t + " key " + k.get(0)).isEqualTo("org_id");
            }
        }
    }

    @Test
    void foreignKeysBetweenTenantTablesStartWithOrgIdAndOthersPointAtGlobalTables() throws SQLException {
        List<String> tenant = tenantTables();
        for (String t : tenant) {
            List<List<String>> fks = rows("""
                    select con.conname, ref.relname, a.attname from pg_constraint con
                    join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
                    join pg_class ref on ref.oid = con.confrelid
                    join pg_attribute a on a.attrelid = c.oid and a.attnum = con.conkey[1]
                    where con.contype = 'f' and n.nspname = ? and c.relname = ?""", schema, t);
            for (List<String> fk : fks) {
                if (tenant.contains(fk.get(1))) {
                    assertThat(fk.get(2)).as(t + " " + fk.get(0)).isEqualTo("org_id");
                } else {
                    assertThat(GLOBAL).as(t + " " + fk.get(0) + " references " + fk.get(1)).contains(fk.get(1));
                }
            }
        }
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
        TestDataSources.app(PG);
        for (String role : List.of(TestDataSources.APP_ROLE, TestDataSources.APP_LOGIN)) {
            assertThat(rows("select rolsuper::text, rolbypassrls::text from pg_roles where rolname = ?", role).get(0))
                    .as(role).containsExactly("false", "false");
            assertThat(rows("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = ? and pg_get_userbyid(c.relowner) = ?", schema, role)).as(role).isEmpty();
            assertThat(rows("select 1 from pg_namespace where nspname = ? and pg_get_userbyid(nspowner) = ?", schema, role)).as(role).isEmpty();
        }
        assertThat(rows("select privilege_type from information_schema.role_table_grants where table_schema = ? and table_name = 'audit_event' and grantee = ? order by 1",
                schema, TestDataSources.APP_ROLE)).extracting(r -> r.get(0)).containsExactly("INSERT", "SELECT");
    }
}
