package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation against raw SQL: the application's login role, with plain JDBC and none of the
 * store's code, sees and changes only the rows of the organization named by {@code iamkit.org_id}.
 */
class RowLevelSecurityTest {
    static final List<String> TENANT_TABLES = List.of("org_counter", "entitlement", "membership", "team", "team_member", "role",
            "feature_grant", "view_grant", "user_assignment", "team_assignment", "role_inclusion", "role_access", "trail_entry", "audit_event",
            "usage_counter", "api_key", "idempotency_key");
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static final UUID A = UUID.fromString("0190aaaa-0000-7000-8000-00000000000a");
    private static final UUID B = UUID.fromString("0190bbbb-0000-7000-8000-00000000000b");
    private static final UUID USER = UUID.fromString("0190cccc-0000-7000-8000-000000000001");
    private static final UUID NEWCOMER = UUID.fromString("0190cccc-0000-7000-8000-000000000002");
    private static final UUID MODULE = UUID.fromString("0190dddd-0000-7000-8000-000000000001");
    private static final UUID MODULE2 = UUID.fromString("0190dddd-0000-7000-8000-000000000002");
    private static final UUID FEATURE = UUID.fromString("0190eeee-0000-7000-8000-000000000001");
    private static final UUID VIEW = UUID.fromString("0190ffff-0000-7000-8000-000000000001");
    private static String s;
    private static DataSource app;

    @BeforeAll
    static void seed() throws SQLException {
        s = PG.createSchema("iamkit_rls");
        IamMigrations.of(TestDataSources.admin(PG), s, TestDataSources.APP_ROLE).migrate();
        app = TestDataSources.app(PG);
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            st.execute("set search_path = " + s);
            st.execute("insert into app_user values ('" + USER + "', 'u@example.com', 'U', 'ACTIVE', null, 0, now(), now(), null),"
                    + " ('" + NEWCOMER + "', 'n@example.com', 'N', 'ACTIVE', null, 0, now(), now(), null)");
            st.execute("insert into module values ('" + MODULE + "', 'billing', 'Billing', '', true, 0), ('" + MODULE2 + "', 'extra', 'Extra', '', true, 0)");
            st.execute("insert into feature values ('" + FEATURE + "', 'invoices', 'Invoices', '')");
            st.execute("insert into feature_action values ('" + FEATURE + "', 'read')");
            st.execute("insert into catalog_view values ('" + VIEW + "', 'inv', 'Invoices', '/inv', true, null, 0)");
            for (UUID org : List.of(A, B)) {
                // superusers bypass row level security: this seeds both organizations
                String o = "'" + org + "'";
                String team = "'" + new UUID(org.getMostSignificantBits(), 1) + "'";
                String role = "'" + new UUID(org.getMostSignificantBits(), 2) + "'";
                String included = "'" + new UUID(org.getMostSignificantBits(), 3) + "'";
                st.execute("insert into organization values (" + o + ", null, 'org-" + org.toString().substring(4, 8) + "', 'Org', 'ACTIVE', '{}', 0, now(), now(), null)");
                st.execute("insert into org_counter values (" + o + ", 1)");
                st.execute("insert into entitlement values (" + o + ", '" + MODULE + "', true, null, now(), now())");
                st.execute("insert into membership values (" + o + ", '" + USER + "', 'MEMBER', 'ACTIVE', now(), 0, now(), now())");
                st.execute("insert into team values (" + o + ", " + team + ", 'Team', '', 0, now(), now(), 'team')");
                st.execute("insert into team_member values (" + o + ", " + team + ", '" + USER + "')");
                st.execute("insert into role values (" + o + ", " + role + ", 'clerk', 'Clerk', '', 0, now(), now()),"
                        + " (" + o + ", " + included + ", 'reader', 'Reader', '', 0, now(), now())");
                st.execute("insert into feature_grant values (" + o + ", " + role + ", '" + FEATURE + "', 'read', 'ALLOW', 'system', now())");
                st.execute("insert into view_grant values (" + o + ", " + role + ", '" + VIEW + "', 'ALLOW', 'system', now())");
                st.execute("insert into user_assignment values (" + o + ", " + role + ", '" + USER + "', 'system', now(), null)");
                st.execute("insert into team_assignment values (" + o + ", " + role + ", " + team + ", 'system', now(), null)");
                st.execute("insert into role_inclusion values (" + o + ", " + role + ", " + included + ")");
                st.execute("insert into role_access values (" + o + ", " + role + ", 0, '{" + FEATURE + "}', '{read}', '{}', '{}', '{" + VIEW + "}', '{}')");
                st.execute("insert into trail_entry values (" + o + ", '" + USER + "', '" + VIEW + "', now(), 1)");
                st.execute("insert into usage_counter values (" + o + ", 'api.calls', date '2030-01-01', 1)");
                st.execute("insert into api_key values (" + o + ", gen_random_uuid(), 'k', substr(md5(" + o + "), 1, 12), "
                        + "sha256(" + o + "::bytea), '{}', 'system', now(), null, null, null)");
                st.execute("insert into audit_event values (" + o + ", 1, gen_random_uuid(), now(), 'system', 'role.create', 'role', 'x', null, null, null, null)");
                st.execute("insert into idempotency_key values (" + o + ", 'request-1', now(), 'kept')");
            }
        }
    }

    @AfterAll
    static void drop() {
        PG.dropSchema(s);
    }

    /** For each tenant table, an insert of a row that is valid in every other respect, for organization {@code org}. */
    private static Map<String, String> inserts(UUID org) {
        String o = "'" + org + "'";
        String team = "'" + new UUID(org.getMostSignificantBits(), 1) + "'";
        String role = "'" + new UUID(org.getMostSignificantBits(), 2) + "'";
        String included = "'" + new UUID(org.getMostSignificantBits(), 3) + "'";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("org_counter", "insert into org_counter values (" + o + ", 5)");
        m.put("entitlement", "insert into entitlement values (" + o + ", '" + MODULE2 + "', true, null, now(), now())");
        m.put("membership", "insert into membership values (" + o + ", '" + NEWCOMER + "', 'MEMBER', 'ACTIVE', now(), 0, now(), now())");
        m.put("team", "insert into team values (" + o + ", gen_random_uuid(), 'Other team', '', 0, now(), now(), 'other team')");
        m.put("team_member", "insert into team_member values (" + o + ", " + team + ", '" + USER + "')");
        m.put("role", "insert into role values (" + o + ", gen_random_uuid(), 'other', 'Other', '', 0, now(), now())");
        m.put("feature_grant", "insert into feature_grant values (" + o + ", " + role + ", '" + FEATURE + "', 'read', 'DENY', 'x', now())");
        m.put("view_grant", "insert into view_grant values (" + o + ", " + role + ", '" + VIEW + "', 'DENY', 'x', now())");
        m.put("user_assignment", "insert into user_assignment values (" + o + ", " + role + ", '" + USER + "', 'x', now(), null)");
        m.put("team_assignment", "insert into team_assignment values (" + o + ", " + role + ", " + team + ", 'x', now(), null)");
        m.put("role_inclusion", "insert into role_inclusion values (" + o + ", " + role + ", " + included + ")");
        m.put("role_access", "insert into role_access values (" + o + ", " + included + ", 0, '{}', '{}', '{}', '{}', '{}', '{}')");
        m.put("trail_entry", "insert into trail_entry values (" + o + ", '" + NEWCOMER + "', '" + VIEW + "', now(), 1)");
        m.put("usage_counter", "insert into usage_counter values (" + o + ", 'emails', date '2030-01-01', 1)");
        m.put("idempotency_key", "insert into idempotency_key values (" + o + ", 'request-2', now(), null)");
        m.put("audit_event", "insert into audit_event values (" + o + ", 99, gen_random_uuid(), now(), 'x', 'a', 't', 'x', null, null, null, null)");
        return m;
    }

    /** Rows seeded per organization: one in each tenant table, two roles (an inclusion needs two). */
    private static long seeded(String table) {
        return table.equals("role") ? 2 : 1;
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Runs as the application's login role in one transaction with the given setting (null: none), then rolls back. */
    private static void asApp(String setting, Work work) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set local search_path = " + s);
                if (setting != null) {
                    st.execute("set local iamkit.org_id = '" + setting + "'");
                }
            }
            try {
                work.run(c);
            } finally {
                c.rollback();
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String state(SQLException e) {
        return e.getSQLState();
    }

    @Test
    void withNoTenantSetEveryTenantTableIsEmpty() throws SQLException {
        asApp(null, c -> {
            for (String t : TENANT_TABLES) {
                assertThat(count(c, "select count(*) from " + t)).as(t).isZero();
            }
        });
    }

    @Test
    void anEmptySettingMeansNoRowsToo() throws SQLException {
        asApp("", c -> {
            for (String t : TENANT_TABLES) {
                assertThat(count(c, "select count(*) from " + t)).as(t).isZero();
            }
        });
    }

    @Test
    void aMalformedSettingIsAnErrorNeverRows() throws SQLException {
        asApp("not-a-uuid", c -> assertThatThrownBy(() -> count(c, "select count(*) from role"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(state(e)).isEqualTo("22P02")));
    }

    @Test
    void withNoTenantSetEveryTenantTableRejectsInserts() throws SQLException {
        for (Map.Entry<String, String> insert : inserts(A).entrySet()) {
            asApp(null, c -> assertThatThrownBy(() -> c.createStatement().execute(insert.getValue()))
                    .as(insert.getKey())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(state(e)).isEqualTo("42501")));
        }
    }

    @Test
    void withTenantASetOnlyTheRowsOfAAreVisible() throws SQLException {
        asApp(A.toString(), c -> {
            for (String t : TENANT_TABLES) {
                assertThat(count(c, "select count(*) from " + t)).as(t).isEqualTo(seeded(t));
                assertThat(count(c, "select count(*) from " + t + " where org_id <> '" + A + "'")).as(t).isZero();
            }
        });
    }

    @Test
    void withTenantASetInsertsForAPassThePoliciesAndInsertsCarryingBAreRejected() throws SQLException {
        for (Map.Entry<String, String> insert : inserts(A).entrySet()) {
            asApp(A.toString(), c -> {
                try {
                    c.createStatement().execute(insert.getValue());
                } catch (SQLException e) {
                    // some of these rows exist already (a key violation): what matters is that no policy refused it
                    assertThat(state(e)).as(insert.getKey()).isNotEqualTo("42501");
                }
            });
        }
        for (Map.Entry<String, String> insert : inserts(B).entrySet()) {
            asApp(A.toString(), c -> assertThatThrownBy(() -> c.createStatement().execute(insert.getValue()))
                    .as(insert.getKey())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(state(e)).isEqualTo("42501")));
        }
    }

    @Test
    void updatingARowToCarryAnotherOrganizationIsRejected() throws SQLException {
        for (String t : List.of("entitlement", "membership", "team", "role", "user_assignment", "role_inclusion", "trail_entry", "org_counter")) {
            asApp(A.toString(), c -> assertThatThrownBy(() -> c.createStatement().executeUpdate("update " + t + " set org_id = '" + B + "'"))
                    .as(t)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(state(e)).isIn("42501", "23503")));
        }
    }

    @Test
    void updatesAndDeletesInTenantAReachNoRowOfB() throws SQLException {
        asApp(A.toString(), c -> {
            assertThat(c.createStatement().executeUpdate("update role set name = 'Changed' where org_id = '" + B + "'")).isZero();
            assertThat(c.createStatement().executeUpdate("delete from membership where org_id = '" + B + "'")).isZero();
            assertThat(c.createStatement().executeUpdate("update role set name = 'Changed'")).isEqualTo((int) seeded("role"));
        });
        try (Connection c = PG.connect()) {
            assertThat(count(c, "select count(*) from " + s + ".role where org_id = '" + B + "' and name = 'Clerk'")).isEqualTo(1);
            assertThat(count(c, "select count(*) from " + s + ".membership where org_id = '" + B + "'")).isEqualTo(1);
        }
    }

    @Test
    void anUpsertOnAKeyThatExistsInBNeitherChangesNorRevealsIt() throws SQLException {
        UUID roleB = new UUID(B.getMostSignificantBits(), 2);
        asApp(A.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into role values (?, ?, 'clerk', 'Hijack', '', 0, now(), now()) "
                    + "on conflict (org_id, id) do update set name = excluded.name returning name")) {
                ps.setObject(1, B);
                ps.setObject(2, roleB);
                assertThatThrownBy(ps::executeQuery)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(state(e)).isEqualTo("42501"));
            }
        });
        asApp(A.toString(), c -> {
            // the same key under A's org id is a new row in A, not B's row
            try (PreparedStatement ps = c.prepareStatement("insert into role values (?, ?, 'clerk2', 'Mine', '', 0, now(), now()) "
                    + "on conflict (org_id, id) do update set name = excluded.name returning org_id, name")) {
                ps.setObject(1, A);
                ps.setObject(2, roleB);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getObject(1)).isEqualTo(A);
                    assertThat(rs.getString(2)).isEqualTo("Mine");
                }
            }
        });
        try (Connection c = PG.connect()) {
            assertThat(count(c, "select count(*) from " + s + ".role where org_id = '" + B + "' and name = 'Clerk'")).isEqualTo(1);
        }
    }

    @Test
    void theApplicationRoleCannotChangeTheAuditTrail() throws SQLException {
        for (String sql : List.of("update audit_event set action = 'x'", "delete from audit_event", "truncate audit_event")) {
            asApp(A.toString(), c -> assertThatThrownBy(() -> c.createStatement().execute(sql))
                    .as(sql)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(state(e)).isEqualTo("42501")));
        }
    }
}
