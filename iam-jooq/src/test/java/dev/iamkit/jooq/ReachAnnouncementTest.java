package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.OrgId;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * V18: a revision is announced with the reach named in {@code iamkit.reach}, and the trigger
 * clears the setting, so one reach announces one revision; a revision moved without one, or with
 * a value of no known form, is announced without a reach (which reaches everything).
 */
class ReachAnnouncementTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("reach");

    @Test
    void aReachAnnouncesOneRevisionAndAnUnreadableOneNone() throws SQLException {
        OrgId org;
        try (IamDatabase db = FIXTURE.open(Clock.systemUTC())) {
            org = new TestData(db).org().id();
        }
        String schema = FIXTURE.schema();
        UUID user = UUID.randomUUID();
        try (Connection listener = PostgresTestDatabase.get().connect(); Connection writer = PostgresTestDatabase.get().connect()) {
            try (PreparedStatement counter = writer.prepareStatement("INSERT INTO " + schema + ".org_counter (org_id, audit_seq, revision) "
                    + "VALUES (?, 0, 1) ON CONFLICT (org_id) DO NOTHING")) {
                counter.setObject(1, org.value());
                counter.executeUpdate();    // the organization's counter row, before anything is heard
            }
            try (Statement st = listener.createStatement()) {
                st.execute("LISTEN \"" + schema + "\"");
            }
            writer.setAutoCommit(false);
            try (PreparedStatement reach = writer.prepareStatement("SELECT set_config('iamkit.reach', ?, true)");
                 PreparedStatement bump = writer.prepareStatement("UPDATE " + schema + ".org_counter SET revision = revision + 1 WHERE org_id = ?")) {
                bump.setObject(1, org.value());
                reach.setString(1, "u:" + user);
                reach.execute();
                assertThat(bump.executeUpdate()).isEqualTo(1);       // announced with the reach
                bump.executeUpdate();       // the trigger cleared it: no reach
                reach.setString(1, "u:not-an-id");
                reach.execute();
                bump.executeUpdate();       // not a known form: no reach
            }
            writer.commit();

            List<String> heard = new ArrayList<>();
            PGConnection pg = listener.unwrap(PGConnection.class);
            for (int i = 0; i < 50 && heard.size() < 3; i++) {
                PGNotification[] batch = pg.getNotifications(100);
                if (batch != null) {
                    for (PGNotification n : batch) {
                        heard.add(n.getParameter());
                    }
                }
            }
            assertThat(heard).hasSize(3);
            String prefix = "r " + org.value() + " ";
            assertThat(heard.get(0)).startsWith(prefix).endsWith(" u:" + user);
            assertThat(heard.get(1)).startsWith(prefix).matches("r \\S+ \\d+");
            assertThat(heard.get(2)).startsWith(prefix).matches("r \\S+ \\d+");
        }
    }
}
