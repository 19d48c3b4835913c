package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V28: the store's own statements stamp the counter row with the transaction that moves a
 * revision and with the revision's reach (no trigger does), so {@code changes_since} answers the
 * rows moved since a cursor, with their reach, and the next cursor; its first row also carries the
 * last global revision that checks depend on.
 */
class RevisionStampTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("stamp");

    private IamDatabase db;
    private OrgId org;
    private String schema;

    @BeforeEach
    void org() {
        db = FIXTURE.open(Clock.systemUTC());
        org = new TestData(db).org().id();
        schema = FIXTURE.schema();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Each kind of statement that moves an organization's revision, and the reach the poll then reads for it. */
    @Test
    void everyStatementThatMovesARevisionStampsItWithItsReach() throws SQLException {
        TestData data = new TestData(db);
        var user = data.member(org);
        var role = data.role(org);
        var team = data.team(org);
        var feature = data.feature("read");
        try (Connection app = TestDataSources.app(PostgresTestDatabase.get()).getConnection()) {
            long cursor = Long.parseLong(changes(app, null, new Long[0]).get(0)[0]);
            cursor = expect(app, cursor, () -> db.tenant(org).assignments().assign(role.id(), user.id()), "u:" + user.id().value());
            cursor = expect(app, cursor, () -> db.tenant(org).assignments().unassign(role.id(), dev.iamkit.model.Principal.user(user.id())), "u:" + user.id().value());
            cursor = expect(app, cursor, () -> db.tenant(org).teams().addMember(team.id(), user.id()), "u:" + user.id().value());
            cursor = expect(app, cursor, () -> db.tenant(org).grants().replace(role.id(), List.of(dev.iamkit.model.Grant.allow(feature, "read"))),
                    "r:" + role.id().value());
            cursor = expect(app, cursor, () -> data.role(org), "-");
            var o = db.organizations().find(org).orElseThrow();
            expect(app, cursor, () -> db.organizations().update(o.withStatus(dev.iamkit.model.OrgStatus.SUSPENDED)), null);
        }
    }

    /** The global revision checks depend on: moved by a user's suspension, not by a new name. */
    @Test
    void theFirstRowCarriesTheLastGlobalRevisionThatChecksDependOn() throws SQLException {
        var user = new TestData(db).user();
        try (Connection app = TestDataSources.app(PostgresTestDatabase.get()).getConnection()) {
            long before = Long.parseLong(changes(app, null, new Long[0]).get(0)[4]);
            var renamed = db.users().update(user.withDisplayName("Renamed"));
            assertThat(Long.parseLong(changes(app, null, new Long[0]).get(0)[4])).as("a new name").isEqualTo(before);
            db.users().update(renamed.withStatus(dev.iamkit.model.UserStatus.SUSPENDED));
            long suspended = db.lastGlobalWriteRevision().orElseThrow().value();
            assertThat(suspended).isGreaterThan(before);
            assertThat(Long.parseLong(changes(app, null, new Long[0]).get(0)[4])).as("a suspension").isEqualTo(suspended);
        }
    }

    /** Runs {@code write}; the poll from {@code cursor} reads the organization once, with {@code reach}; the next cursor. */
    private long expect(Connection app, long cursor, Runnable write, String reach) throws SQLException {
        write.run();
        List<String[]> moved = changes(app, cursor, new Long[0]);
        assertThat(moved).as("the cursor row and the organization").hasSize(2);
        assertThat(moved.get(1)[1]).isEqualTo(org.value().toString());
        assertThat(moved.get(1)[3]).as("the reach").isEqualTo(reach);
        return Long.parseLong(moved.get(0)[0]);
    }

    @Test
    void changesSinceAnswersTheRowsMovedSinceTheCursorAndTheNextCursor() throws SQLException {
        try (Connection app = TestDataSources.app(PostgresTestDatabase.get()).getConnection()) {
            List<String[]> first = changes(app, null, new Long[0]);
            assertThat(first).as("without a cursor: only the next one").hasSize(1);
            long next = Long.parseLong(first.get(0)[0]);
            assertThat(first.get(0)[1]).isNull();

            TestData data = new TestData(db);
            db.tenant(org).assignments().assign(data.role(org).id(), data.member(org).id());
            List<String[]> moved = changes(app, next, new Long[0]);
            assertThat(moved).hasSize(2);
            assertThat(moved.get(1)[1]).isEqualTo(org.value().toString());
            assertThat(moved.get(1)[3]).as("an assignment reaches its user").startsWith("u:");
            long after = Long.parseLong(moved.get(0)[0]);
            assertThat(after).isGreaterThan(next);
            // nothing moved since (a transaction still running elsewhere on the server is not one of this schema's)
            assertThat(changes(app, after, new Long[0])).hasSize(1);
        }
    }

    /** As the change listener polls: on Citus in a transaction that sets the platform scope with SET LOCAL, which reaches the workers. */
    private List<String[]> changes(Connection app, Long since, Long[] running) throws SQLException {
        if (!CitusTestMode.on()) {
            return read(app, since, running);
        }
        app.setAutoCommit(false);
        try {
            Sql.setScope(app, Scope.PLATFORM);
            return read(app, since, running);
        } finally {
            app.rollback();
            app.setAutoCommit(true);
        }
    }

    private List<String[]> read(Connection app, Long since, Long[] running) throws SQLException {
        try (PreparedStatement ps = app.prepareStatement("SELECT next, org_id, revision, reach, access_revision FROM " + schema
                + ".changes_since(?, ?)")) {
            ps.setObject(1, since, java.sql.Types.BIGINT);
            ps.setArray(2, app.createArrayOf("bigint", running));
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            return rows;
        }
    }
}
