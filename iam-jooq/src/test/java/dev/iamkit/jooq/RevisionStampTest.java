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
 * V19: the transaction that moves a revision stamps the counter row with its id and with the
 * reach named in {@code iamkit.reach}, and clears the setting, so one reach stamps one revision; a
 * revision moved without one, or with a value of no known form, has no reach (which reaches
 * everything). {@code changes_since} answers the rows moved since a cursor, and the next cursor.
 */
class RevisionStampTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("stamp");

    private IamDatabase db;
    private OrgId org;
    private String schema;

    @BeforeEach
    void org() throws SQLException {
        db = FIXTURE.open(Clock.systemUTC());
        org = new TestData(db).org().id();
        schema = FIXTURE.schema();
        try (Connection owner = PostgresTestDatabase.get().connect();
             PreparedStatement counter = owner.prepareStatement("INSERT INTO " + schema + ".org_counter (org_id, audit_seq, revision) "
                     + "VALUES (?, 0, 1) ON CONFLICT (org_id) DO NOTHING")) {
            counter.setObject(1, org.value());
            counter.executeUpdate();    // the organization's counter row, as its first write makes it
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aReachStampsOneRevisionAndAnUnreadableOneNone() throws SQLException {
        UUID user = UUID.randomUUID();
        try (Connection writer = PostgresTestDatabase.get().connect()) {
            writer.setAutoCommit(false);
            try (PreparedStatement reach = writer.prepareStatement("SELECT set_config('iamkit.reach', ?, true)");
                 PreparedStatement bump = writer.prepareStatement("UPDATE " + schema + ".org_counter SET revision = revision + 1 WHERE org_id = ? "
                         + "RETURNING reach, changed_xid = pg_current_xact_id()::text::bigint")) {
                bump.setObject(1, org.value());
                reach.setString(1, "u:" + user);
                reach.execute();
                assertThat(stamp(bump)).containsExactly("u:" + user, "true");
                assertThat(stamp(bump)).as("the first bump took the reach").containsExactly(null, "true");
                reach.setString(1, "u:not-an-id");
                reach.execute();
                assertThat(stamp(bump)).as("not a known form").containsExactly(null, "true");
                try (PreparedStatement tail = writer.prepareStatement("UPDATE " + schema + ".org_counter SET audit_seq = audit_seq WHERE org_id = ? "
                        + "RETURNING reach")) {
                    reach.setString(1, "-");
                    reach.execute();
                    tail.setObject(1, org.value());
                    try (ResultSet rs = tail.executeQuery()) {
                        rs.next();
                        assertThat(rs.getString(1)).as("an update that does not move the revision stamps nothing").isNull();
                    }
                }
                assertThat(stamp(bump)).as("so the reach waits for the revision").containsExactly("-", "true");
            }
            writer.commit();
        }
    }

    /** The store's counter statements are upserts: the row an upsert proposes must not take the reach that its update needs. */
    @Test
    void anUpsertThatUpdatesKeepsItsReach() throws SQLException {
        UUID team = UUID.randomUUID();
        try (Connection writer = PostgresTestDatabase.get().connect()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("SELECT set_config('iamkit.reach', 't:" + team + "', true)");
            }
            try (PreparedStatement upsert = writer.prepareStatement("INSERT INTO " + schema + ".org_counter AS c (org_id, audit_seq, revision) VALUES (?, 0, 1) "
                    + "ON CONFLICT (org_id) DO UPDATE SET revision = c.revision + 1 RETURNING reach")) {
                upsert.setObject(1, org.value());
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("t:" + team);
                }
            }
            writer.commit();
        }
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

    private List<String[]> changes(Connection app, Long since, Long[] running) throws SQLException {
        try (PreparedStatement ps = app.prepareStatement("SELECT next, org_id, revision, reach FROM " + schema + ".changes_since(?, ?)")) {
            ps.setObject(1, since, java.sql.Types.BIGINT);
            ps.setArray(2, app.createArrayOf("bigint", running));
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return rows;
        }
    }

    private static List<String> stamp(PreparedStatement bump) throws SQLException {
        try (ResultSet rs = bump.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return java.util.Arrays.asList(rs.getString(1), String.valueOf(rs.getBoolean(2)));
        }
    }
}
