package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store's copies of what an organization's members share (V34) are retired by a change made
 * by a writer that does not write the access revision: a process of an earlier version of the
 * library, whose counter upsert stamps the reach and the transaction but not the access revision,
 * or a host's own SQL that moves the revision and stamps nothing. Each case compiles one member,
 * makes the change as such a writer (the application's login, in a transaction, with the tenant
 * set), and asks a member never compiled before: without the trigger ({@code keep_access_revision})
 * the store's copy would still grant what the change took away.
 */
class AccessRevisionGuardTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("accessguard");

    private PostgresIam db;
    private OrgId org;
    private Feature invoices;
    private Role clerk;
    private TestData data;

    @BeforeEach
    void open() {
        assumeFalse(CitusTestMode.on(), "the trigger guards the copies of the plain path: on Citus "
                + "compiles keep no copies, and `iam distribute` drops the trigger with the other stamping triggers (V28, V34)");
        db = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        data = new TestData(db);
        org = data.org().id();
        invoices = data.entitledFeature(org, "read", "approve");
        clerk = data.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "approve"));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private User member() {
        User u = data.member(org);
        db.tenant(org).assignments().assign(clerk.id(), u.id());
        return u;
    }

    private boolean can(User u, String action) {
        return db.tenant(org).authz().check(u.id(), invoices.id(), action);
    }

    /** Revokes the clerk's {@code action} as the application's login, then moves the counter with {@code counter}; returns the access revision. */
    private long revokeAs(String action, String counter) throws SQLException {
        try (Connection c = TestDataSources.app(PostgresTestDatabase.get()).getConnection()) {
            c.setAutoCommit(false);
            String s = "\"" + FIXTURE.schema() + "\".";
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL iamkit.org_id = '" + org.value() + "'");
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + s + "feature_grant WHERE org_id = ? AND role_id = ? AND action = ?")) {
                ps.setObject(1, org.value());
                ps.setObject(2, clerk.id().value());
                ps.setString(3, action);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + s + "refresh_role_access(?, ARRAY[?::uuid])")) {
                ps.setObject(1, org.value());
                ps.setObject(2, clerk.id().value());
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + s + "org_counter SET " + counter + " WHERE org_id = ?")) {
                ps.setObject(1, org.value());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            long access;
            try (PreparedStatement ps = c.prepareStatement("SELECT access_revision FROM " + s + "org_counter WHERE org_id = ?")) {
                ps.setObject(1, org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    access = rs.getLong(1);
                }
            }
            c.commit();
            return access;
        }
    }

    private long revision() {
        return db.tenant(org).revision().value();
    }

    /**
     * The counter moved as an earlier version's upsert moves it (the reach of a role, or of
     * everything, stored as null: V28), and as a host's own SQL that stamps nothing moves it (the
     * row then still carries the reach of the last assignment, one user's).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"an earlier version's, a role's reach", "an earlier version's, a reach of everything", "a host's, unstamped"})
    void aChangeByAWriterThatLeavesTheAccessRevisionRetiresTheCopies(String writer) throws SQLException {
        User first = member();
        User second = member();    // its assignment left the counter stamped with a reach of one user
        assertThat(can(first, "approve")).isTrue();
        String stamp = ", changed_xid = pg_current_xact_id()::text::bigint, reach = ";
        String counter = "revision = revision + 1" + switch (writer) {
            case "an earlier version's, a role's reach" -> stamp + "'r:" + clerk.id().value() + "'";
            case "an earlier version's, a reach of everything" -> stamp + "NULL";
            default -> "";
        };
        long before = revision();
        assertThat(revokeAs("approve", counter)).as("the access revision").isEqualTo(before + 1);
        assertThat(can(second, "approve")).as("a member compiled after the change").isFalse();
        assertThat(can(second, "read")).isTrue();
    }

    /** The control: a statement that stamps a reach of one user in its own transaction leaves the copies in use. */
    @Test
    void aChangeStampedWithOneUsersReachLeavesTheAccessRevision() throws SQLException {
        User first = member();
        assertThat(can(first, "approve")).isTrue();
        long access = revokeAs("read", "revision = revision + 1, changed_xid = pg_current_xact_id()::text::bigint, reach = 'u:" + first.id().value() + "'");
        assertThat(access).as("the access revision").isLessThan(revision());
    }
}
