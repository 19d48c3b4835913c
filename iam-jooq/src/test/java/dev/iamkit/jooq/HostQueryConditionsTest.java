package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A host app filtering rows of its own table by permission, in its own query: SQL {@code can(...)} and the jOOQ conditions. */
class HostQueryConditionsTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("hostquery");
    private static HostTables host;
    private PostgresIam db;
    private HostTables.World w;

    @BeforeAll
    static void hostSchema() {
        host = new HostTables(PostgresTestDatabase.get());
    }

    @AfterAll
    static void dropHostSchema() {
        PostgresTestDatabase.get().dropSchema(host.schema);
    }

    @BeforeEach
    void open() {
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        PostgresTestDatabase.get().execute("TRUNCATE " + host.invoices);
        w = HostTables.World.create(db, "q");
        DSLContext ctx = DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES);
        for (int i = 1; i <= 3; i++) {
            ctx.execute("INSERT INTO " + host.invoices + " VALUES (?, ?), (?, ?)", w.acme().value(), i, w.globex().value(), 10 + i);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static final Field<UUID> ORG_ID = DSL.field(DSL.name("org_id"), SQLDataType.UUID);
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);

    private List<Integer> visible(org.jooq.Condition condition) {
        return DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES).select(ID).from(DSL.table(host.invoices)).where(condition).orderBy(ID).fetch(ID);
    }

    private List<Integer> visibleBySql(String action) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = FIXTURE.pool().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM " + host.invoices + " i WHERE " + FIXTURE.schema()
                        + ".can(i.org_id, ?, ?, ?) ORDER BY id")) {
            ps.setObject(1, w.ana().id().value());
            ps.setObject(2, w.invoices().id().value());
            ps.setString(3, action);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }

    @Test
    void aHostQueryKeepsTheRowsOfOrganizationsWhereTheUserMayActInSqlAndInJooq() throws SQLException {
        assertThat(visibleBySql("read")).containsExactly(1, 2, 3);
        assertThat(visibleBySql("create")).isEmpty();
        assertThat(visible(db.conditions().can(ORG_ID, w.ana().id(), w.invoices().id(), "read"))).containsExactly(1, 2, 3);
        assertThat(visible(db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).containsExactly(1, 2, 3);
        assertThat(visible(ORG_ID.eq(w.globex().value()).and(db.conditions().can(w.globex(), w.ana().id(), w.invoices().id(), "read")))).isEmpty();
    }

    @Test
    void theConditionReadsTheDatabaseSoARevocationHidesTheRowsAtOnce() throws SQLException {
        assertThat(visibleBySql("read")).hasSize(3);
        db.tenant(w.acme()).grants().revoke(w.clerk().id(), w.invoices().id(), "read");
        assertThat(visibleBySql("read")).isEmpty();
        db.tenant(w.globex()).memberships().remove(w.ana().id());
        assertThat(visible(db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).containsExactly(1, 2, 3);
        db.tenant(w.acme()).grants().revokeView(w.clerk().id(), w.invoiceView().id());
        assertThat(visible(db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).isEmpty();
    }

    @Test
    void withAnOrganizationThatDoesNotDependOnTheRowTheCheckRunsOncePerQuery() throws SQLException {
        String plan = String.join("\n", DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES)
                .fetch("EXPLAIN SELECT id FROM " + host.invoices + " WHERE org_id = ?::uuid AND " + FIXTURE.schema() + ".can(?::uuid, ?::uuid, ?::uuid, 'read')",
                        w.acme().value(), w.acme().value(), w.ana().id().value(), w.invoices().id().value())
                .getValues(0, String.class));
        assertThat(plan).contains("One-Time Filter");
    }

    @Test
    void theFunctionsPutBackTheCallersTenantSetting() throws SQLException {
        try (Connection c = FIXTURE.pool().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('iamkit.org_id', ?, true)")) {
                ps.setString(1, w.globex().value().toString());
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FIXTURE.schema() + ".can(?, ?, ?, 'read'), "
                    + FIXTURE.schema() + ".can_view(?, ?, ?), current_setting('iamkit.org_id', true)")) {
                ps.setObject(1, w.acme().value());
                ps.setObject(2, w.ana().id().value());
                ps.setObject(3, w.invoices().id().value());
                ps.setObject(4, w.acme().value());
                ps.setObject(5, w.ana().id().value());
                ps.setObject(6, w.invoiceView().id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                    assertThat(rs.getBoolean(2)).isTrue();
                    assertThat(rs.getString(3)).isEqualTo(w.globex().value().toString());
                }
            }
            c.rollback();
        }
    }

    @Test
    void aRoleOutsideTheApplicationRoleMayNotCallTheFunctions() throws SQLException {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iamkit_test_outsider') THEN "
                + "CREATE ROLE iamkit_test_outsider LOGIN PASSWORD 'outsider'; END IF; END $$");
        pg.execute("GRANT USAGE ON SCHEMA " + FIXTURE.schema() + " TO iamkit_test_outsider");
        try (Connection c = TestDataSources.of(pg.jdbcUrl(), "iamkit_test_outsider", "outsider").getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + FIXTURE.schema() + ".can(?, ?, ?, 'read')")) {
            ps.setObject(1, w.acme().value());
            ps.setObject(2, w.ana().id().value());
            ps.setObject(3, w.invoices().id().value());
            assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("permission denied for function can");
        } finally {
            pg.execute("REVOKE USAGE ON SCHEMA " + FIXTURE.schema() + " FROM iamkit_test_outsider");
        }
    }

    @Test
    void badArgumentsOfAConditionNameTheField() {
        assertThatThrownBy(() -> db.conditions().can((Field<UUID>) null, w.ana().id(), w.invoices().id(), "read"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("org"));
        assertThatThrownBy(() -> db.conditions().can(ORG_ID, null, w.invoices().id(), "read"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("userId"));
        assertThatThrownBy(() -> db.conditions().can(ORG_ID, w.ana().id(), w.invoices().id(), "Not An Action"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("action"));
        assertThatThrownBy(() -> db.conditions().canAccessView(ORG_ID, w.ana().id(), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("viewId"));
    }
}
