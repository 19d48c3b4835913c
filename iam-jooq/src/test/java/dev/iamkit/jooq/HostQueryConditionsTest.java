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
import java.util.Map;
import java.util.UUID;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewAccess;
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

/**
 * A host app filtering rows of its own table by permission, in its own query: SQL {@code can(...)}
 * and the jOOQ conditions, which answer for the tenant that is set, or with none set for the acting
 * user only, and otherwise never.
 */
class HostQueryConditionsTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("hostquery");
    /** On Citus the functions need the tenant set: without one they refuse (42501) instead of answering (docs/citus.md). */
    private static final boolean CITUS = CitusTestMode.on();
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

    /** Ids of the host's rows that pass {@code condition}, in one transaction that first applies {@code settings}. */
    private List<Integer> visible(Map<String, String> settings, org.jooq.Condition condition) {
        return DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES).transactionResult(tx -> {
            settings.forEach((k, v) -> tx.dsl().execute("SELECT set_config({0}, {1}, true)", DSL.val(k), DSL.val(v)));
            return tx.dsl().select(ID).from(DSL.table(host.invoices)).where(condition).orderBy(ID).fetch(ID);
        });
    }

    /** Ids of the host's rows whose organization lets {@code user} perform {@code action}, by plain SQL after {@code settings}. */
    private List<Integer> visibleBySql(Map<String, String> settings, UserId user, String action) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = FIXTURE.pool().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, e.getValue());
                        ps.execute();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + host.invoices + " i WHERE " + FIXTURE.schema()
                        + ".can(i.org_id, ?, ?, ?) ORDER BY id")) {
                    ps.setObject(1, user.value());
                    ps.setObject(2, w.invoices().id().value());
                    ps.setString(3, action);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getInt(1));
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return ids;
    }

    /** The call fails with SQLSTATE 42501 somewhere in its causes: refused, not answered. */
    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).satisfies(e -> {
            Throwable t = e;
            while (t != null && !(t instanceof SQLException sql && "42501".equals(sql.getSQLState()))) {
                t = t.getCause();
            }
            assertThat(t).as("a 42501 refusal in the causes of %s", e.toString()).isNotNull();
        });
    }

    private Map<String, String> actingAs(User user) {
        return Map.of("iamkit.user_id", user.id().value().toString());
    }

    private Map<String, String> tenant(OrgId org) {
        return Map.of("iamkit.org_id", org.value().toString());
    }

    @Test
    void aHostQueryOverManyOrganizationsKeepsTheRowsWhereTheActingUserMayActInSqlAndInJooq() throws SQLException {
        User ana = w.ana();
        if (CITUS) {
            refused(() -> visibleBySql(actingAs(ana), ana.id(), "read"));
            refused(() -> visible(actingAs(ana), db.conditions().can(ORG_ID, ana.id(), w.invoices().id(), "read")));
            return;
        }
        assertThat(visibleBySql(actingAs(ana), ana.id(), "read")).containsExactly(1, 2, 3);
        assertThat(visibleBySql(actingAs(ana), ana.id(), "create")).isEmpty();

        db.inTenant(w.globex(), Actor.system(), tx -> {
            Role reader = tx.roles().create(new NewRole("reader", "Reader"));
            tx.grants().replace(reader.id(), List.of(Grant.allow(w.invoices(), "read")));
            tx.grants().grantView(reader.id(), ViewAccess.allow(w.invoiceView().id()));
            tx.assignments().assign(reader.id(), ana.id());
            return null;
        });

        assertThat(visibleBySql(actingAs(ana), ana.id(), "read")).containsExactly(1, 2, 3, 11, 12, 13);
        IamConditions iam = db.conditions();
        List<Integer> byJooq = DSL.using(FIXTURE.pool(), SQLDialect.POSTGRES).transactionResult(tx -> {
            tx.dsl().execute(iam.actingUser(ana.id()));
            return tx.dsl().select(ID).from(DSL.table(host.invoices)).where(iam.can(ORG_ID, ana.id(), w.invoices().id(), "read"))
                    .orderBy(ID).fetch(ID);
        });
        assertThat(byJooq).containsExactly(1, 2, 3, 11, 12, 13);
        assertThat(visible(actingAs(ana), iam.canAccessView(ORG_ID, ana.id(), w.invoiceView().id()))).containsExactly(1, 2, 3, 11, 12, 13);
        assertThat(visible(actingAs(ana), ORG_ID.eq(w.globex().value()).and(iam.can(w.globex(), ana.id(), w.invoices().id(), "create"))))
                .isEmpty();
    }

    @Test
    void withNeitherATenantNorAnActingUserTheFunctionsAnswerFalse() throws SQLException {
        if (CITUS) {
            refused(() -> visibleBySql(Map.of(), w.ana().id(), "read"));
            refused(() -> visible(Map.of(), db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id())));
            return;
        }
        assertThat(visibleBySql(Map.of(), w.ana().id(), "read")).isEmpty();
        assertThat(visibleBySql(Map.of("iamkit.org_id", "", "iamkit.user_id", ""), w.ana().id(), "read")).isEmpty();
        assertThat(visible(Map.of(), db.conditions().can(ORG_ID, w.ana().id(), w.invoices().id(), "read"))).isEmpty();
        assertThat(visible(Map.of(), db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).isEmpty();
    }

    @Test
    void withoutATenantTheFunctionsAnswerOnlyAboutTheActingUser() throws SQLException {
        User bob = db.users().create(new NewUser("bob-q@example.com", "Bob"));
        if (CITUS) {
            refused(() -> visibleBySql(actingAs(bob), w.ana().id(), "read"));
            return;
        }

        assertThat(visibleBySql(actingAs(bob), w.ana().id(), "read")).isEmpty();
        assertThat(visible(actingAs(bob), db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).isEmpty();
    }

    @Test
    void withATenantSetTheFunctionsAnswerOnlyForThatTenant() throws SQLException {
        assertThat(visibleBySql(tenant(w.acme()), w.ana().id(), "read")).containsExactly(1, 2, 3);
        assertThat(visibleBySql(tenant(w.globex()), w.ana().id(), "read")).isEmpty();
        // the acting user does not widen a tenant's view
        Map<String, String> both = Map.of("iamkit.org_id", w.globex().value().toString(), "iamkit.user_id", w.ana().id().value().toString());
        assertThat(visibleBySql(both, w.ana().id(), "read")).isEmpty();
        assertThat(visible(tenant(w.globex()), db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).isEmpty();
        assertThat(visible(tenant(w.acme()), db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).containsExactly(1, 2, 3);
    }

    @Test
    void theConditionReadsTheDatabaseSoARevocationHidesTheRowsAtOnce() throws SQLException {
        // on Citus the same under the tenant's setting, which the functions need there
        Map<String, String> settings = CITUS ? tenant(w.acme()) : actingAs(w.ana());
        assertThat(visibleBySql(settings, w.ana().id(), "read")).hasSize(3);
        db.tenant(w.acme()).grants().revoke(w.clerk().id(), w.invoices().id(), "read");
        assertThat(visibleBySql(settings, w.ana().id(), "read")).isEmpty();
        db.tenant(w.globex()).memberships().remove(w.ana().id());
        assertThat(visible(settings, db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).containsExactly(1, 2, 3);
        db.tenant(w.acme()).grants().revokeView(w.clerk().id(), w.invoiceView().id());
        assertThat(visible(settings, db.conditions().canAccessView(ORG_ID, w.ana().id(), w.invoiceView().id()))).isEmpty();
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
    void theFunctionsLeaveTheCallersSettingsAsTheyWere() throws SQLException {
        try (Connection c = FIXTURE.pool().getConnection()) {
            c.setAutoCommit(false);
            // on Citus with no tenant the functions refuse (withNeitherATenantNorAnActingUserTheFunctionsAnswerFalse)
            for (String tenant : CITUS ? List.of(w.acme().value().toString()) : List.of(w.acme().value().toString(), "")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('iamkit.org_id', ?, true), set_config('iamkit.user_id', ?, true)")) {
                    ps.setString(1, tenant);
                    ps.setString(2, w.ana().id().value().toString());
                    ps.execute();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + FIXTURE.schema() + ".can(?, ?, ?, 'read'), "
                        + FIXTURE.schema() + ".can_view(?, ?, ?), " + FIXTURE.schema() + ".can_all(?, ?, ?, ?), current_setting('iamkit.org_id', true)")) {
                    ps.setObject(1, w.acme().value());
                    ps.setObject(2, w.ana().id().value());
                    ps.setObject(3, w.invoices().id().value());
                    ps.setObject(4, w.acme().value());
                    ps.setObject(5, w.ana().id().value());
                    ps.setObject(6, w.invoiceView().id().value());
                    ps.setObject(7, w.acme().value());
                    ps.setObject(8, w.ana().id().value());
                    ps.setArray(9, c.createArrayOf("uuid", new Object[] {w.invoices().id().value(), w.invoices().id().value()}));
                    ps.setArray(10, c.createArrayOf("text", new Object[] {"read", "create"}));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).isTrue();
                        assertThat(rs.getBoolean(2)).isTrue();
                        assertThat((Boolean[]) rs.getArray(3).getArray()).containsExactly(true, false);
                        assertThat(rs.getString(4)).isEqualTo(tenant);
                    }
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
        assertThatThrownBy(() -> db.conditions().actingUser(null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("userId"));
    }
}
