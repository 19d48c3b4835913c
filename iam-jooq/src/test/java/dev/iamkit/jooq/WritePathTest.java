package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.iamkit.model.Assignment;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A write in a transaction sends its setting with its first statement: the tenant with the
 * organization as a bind value ({@link TransactionExchange}), the scope of a global write as
 * constant text ({@link OneExchange#scopedTransaction}). Either way the statement's text is the
 * same for every write of its kind, so the server keeps it prepared and its plan, and each write
 * still lands where it should. With the organization written into the text, a host writing to many
 * organizations had each write parsed and planned anew; global writes were kept unnamed.
 */
class WritePathTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("writepath");

    /**
     * Assigns and unassigns in twelve organizations, in turn, over one connection: every write finds
     * its own organization's rows and no other's, and the unassign's statement is one statement the
     * server holds prepared, executed for every organization.
     */
    @Test
    void writesToManyOrganizationsShareOnePreparedStatementAndEachLandsInItsTenant() throws Exception {
        try (OneConnectionStore one = onPlainPostgres("iamkit-writepath", "on Citus the tenant is set with SET LOCAL in an exchange of its own")) {
            PostgresIam db = one.db();
            TestData data = new TestData(db);
            List<OrgId> orgs = new ArrayList<>();
            List<User> users = new ArrayList<>();
            List<Role> roles = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                OrgId org = data.org().id();
                orgs.add(org);
                users.add(data.member(org));
                roles.add(data.role(org));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < orgs.size(); i++) {
                    db.tenant(orgs.get(i)).assignments().assign(roles.get(i).id(), users.get(i).id());
                    int other = (i + 1) % orgs.size();
                    assertThat(db.tenant(orgs.get(other)).assignments().listFor(Principal.user(users.get(i).id())))
                            .as("round %d: the assignment in organization %d seen from organization %d", round, i, other).isEmpty();
                }
                for (int i = 0; i < orgs.size(); i++) {
                    assertThat(db.tenant(orgs.get(i)).assignments().listFor(Principal.user(users.get(i).id())))
                            .as("round %d, organization %d", round, i).extracting(Assignment::roleId).containsExactly(roles.get(i).id());
                    assertThat(db.tenant(orgs.get(i)).assignments().unassign(roles.get(i).id(), Principal.user(users.get(i).id())))
                            .as("round %d, organization %d", round, i).isTrue();
                }
            }
            // the driver names a statement from its fifth execution on: the 36 unassigns' statement (the assignment deleted, the
            // counter moved, sent after the role's lock in the same exchange) is one statement the server holds, run for every
            // organization, and so is the setting before it
            assertThat(one.executions("%\"change\" as (delete from%user_assignment%")).as("the unassign's statement, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(30L));
            assertThat(one.executions("%\"found\" as (%user_assignment%")).as("the assign's statement, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(30L));
            // the audit append took a null before on each assign and a null after on each unassign: bound with their types,
            // it stayed one prepared statement (untyped nulls had the driver prepare it again at every switch)
            assertThat(one.executions("%\"tail\"%insert into%audit_event%")).as("the audit append, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(60L));
            // (the setting is held once per statement it begins: the assign's, the unassign's, the setup's writes)
            assertThat(one.executions("SELECT set_config('iamkit.org_id', $1, true)").stream().mapToLong(Long::longValue).sum())
                    .as("the bound tenant setting, held prepared: its executions").isGreaterThanOrEqualTo(60L);
        }
    }

    /**
     * Replacements of a role's grants with actions of one feature, over one connection: the
     * statement that locks the role and reads the features named keeps its generic plan. It reads
     * the array of features through a sub-select; with the array in sight, a plan made for one
     * feature looked cheaper than the generic one, and the server planned the statement again at
     * every replacement (no generic plan in 12 executions).
     */
    @Test
    void theReplacementsLockKeepsItsGenericPlan() throws Exception {
        try (OneConnectionStore one = onPlainPostgres("iamkit-replacelock", "on Citus the tenant is set with SET LOCAL in an exchange of its own")) {
            PostgresIam db = one.db();
            TestData data = new TestData(db);
            OrgId org = data.org().id();
            dev.iamkit.model.Feature feature = db.catalog().features().create(new dev.iamkit.model.NewFeature("lock-plan", "Lock plan",
                    List.of("read", "write", "share")));
            Role role = data.role(org);
            for (int i = 0; i < 16; i++) {
                db.tenant(org).grants().replace(role.id(), List.of(dev.iamkit.model.Grant.allow(feature, i % 2 == 0 ? "read" : "write")));
            }
            assertThat(one.executions("%\"named\"%")).as("the role's lock, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(12L));
            assertThat(one.genericPlans("%\"named\"%")).as("the role's lock: executions with its generic plan")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(6L));
        }
    }

    /**
     * Users created one after another over one connection: each is found afterwards, and the
     * first statement of the global write, with the scope's setting before it, is held prepared.
     */
    @Test
    void globalWritesKeepTheirStatementsPreparedAndLandWhereTheyShould() throws Exception {
        try (OneConnectionStore one = onPlainPostgres("iamkit-globalwrites", "on Citus the scope is set with SET LOCAL in an exchange of its own")) {
            PostgresIam db = one.db();
            TestData data = new TestData(db);
            List<User> made = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                made.add(data.user());
            }
            for (User u : made) {
                assertThat(db.users().find(u.id())).as("user %s", u.email()).contains(u);
            }
            // the transaction's first statement, the e-mail's check, carries the scope's setting: both held prepared
            assertThat(one.executions("SELECT set_config('iamkit.scope', 'identity', true)")).as("the scope's setting, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(6L));
            assertThat(one.executions("%select exists (select 1 from %app_user% where %email%")).as("the e-mail's check, held prepared: its executions")
                    .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(6L));
        }
    }

    /**
     * The work's own bind values come after the tenant's: their indexes are shifted past it, and
     * clearing them keeps the tenant bound.
     */
    @Test
    void theWorksParametersFollowTheBoundTenant() throws Exception {
        FIXTURE.open(new dev.iamkit.testkit.MutableClock()).close();
        OrgId org = new OrgId(UUID.randomUUID());
        try (Connection raw = TestDataSources.app(PostgresTestDatabase.get()).getConnection()) {
            raw.setAutoCommit(false);
            TransactionExchange exchange = new TransactionExchange(raw);
            exchange.setTenant(org);
            Connection c = exchange.connection();
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('iamkit.org_id'), ?::int - ?::int, ?::text")) {
                ps.setInt(1, 10);
                ps.setInt(2, 3);
                ps.setString(3, "x");
                assertThat(row(ps)).containsExactly(org.value().toString(), "7", "x");
                ps.clearParameters();
                ps.setInt(2, 1);
                ps.setInt(1, 5);
                ps.setObject(3, "y");
                assertThat(row(ps)).containsExactly(org.value().toString(), "4", "y");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('iamkit.org_id'), ?::int")) {
                ps.setInt(1, 2);
                assertThat(row(ps)).as("a later statement carries nothing more").containsExactly(org.value().toString(), "2");
            }
            raw.rollback();
        }
    }

    /**
     * A rendered statement that takes nulls and values in turn, in each of its kinds of parameter,
     * stays one statement the server holds and runs, each null of its parameter's type.
     */
    @Test
    void aRenderedStatementKeepsItsPreparedFormWhetherItsValuesAreNullOrNot() throws Exception {
        var text = org.jooq.impl.DSL.param("text", org.jooq.impl.SQLDataType.CLOB);
        var id = org.jooq.impl.DSL.param("id", org.jooq.impl.SQLDataType.UUID);
        var at = org.jooq.impl.DSL.param("at", org.jooq.impl.SQLDataType.TIMESTAMPWITHTIMEZONE);
        var n = org.jooq.impl.DSL.param("n", org.jooq.impl.SQLDataType.BIGINT);
        var bytes = org.jooq.impl.DSL.param("bytes", org.jooq.impl.SQLDataType.BLOB);
        var ids = org.jooq.impl.DSL.param("ids", org.jooq.impl.SQLDataType.UUID.array());
        var json = org.jooq.impl.DSL.param("json", org.jooq.impl.SQLDataType.JSON);
        var query = org.jooq.impl.DSL.select(text.isNull(), id.isNull(), at.isNull(), n.isNull(), bytes.isNull(), ids.isNull(), json.isNull(),
                org.jooq.impl.DSL.inline("rendered-nulls"));
        Rendered r = Rendered.of(new org.jooq.conf.Settings(), query, "text", "id", "at", "n", "bytes", "ids", "json");
        Object[] values = {"x", UUID.randomUUID(), java.time.OffsetDateTime.now(), 7L, new byte[] {1}, new UUID[] {UUID.randomUUID()}, "{}"};
        try (var pool = TestDataSources.appPool(PostgresTestDatabase.get(), "iamkit-rendered-nulls", 1); Connection c = pool.getConnection()) {
            for (int i = 0; i < 20; i++) {
                boolean nulls = i % 2 == 1;
                List<Boolean> got = r.query(c, rs -> {
                    assertThat(rs.next()).isTrue();
                    List<Boolean> out = new ArrayList<>();
                    for (int k = 1; k <= values.length; k++) {
                        out.add(rs.getBoolean(k));
                    }
                    return out;
                }, nulls ? new Object[values.length] : values);
                assertThat(got).as("execution %d", i).containsOnly(nulls);
            }
            assertThat(OneConnectionStore.executions(c, "%rendered-nulls%")).as("the statement held prepared: its executions").singleElement()
                    .satisfies(e -> assertThat(e).isGreaterThanOrEqualTo(15L));
        }
    }

    /** A store over one connection, on plain PostgreSQL only ({@code why}: what differs on Citus). */
    private static OneConnectionStore onPlainPostgres(String poolName, String why) {
        assumeThat(CitusTestMode.on()).as(why).isFalse();
        return OneConnectionStore.open(FIXTURE, poolName);
    }

    private static List<String> row(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
            }
            return out;
        }
    }
}
