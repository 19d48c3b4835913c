package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stores over one schema, each with its own pool and cache, stand for two processes: what one
 * commits reaches the other's cache through LISTEN/NOTIFY, {@code atLeast} is never stale even
 * before the notification lands, and a lost listener connection makes the cache step aside until
 * it is back.
 */
class CrossProcessCacheTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("crossprocess");

    /** The schema the two processes share. */
    PostgresFixture fixture() {
        return FIXTURE;
    }
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private PostgresIam a;
    private PostgresIam b;
    private OtherProcess other;
    private OrgId org;
    private Feature invoices;
    private User user;
    private Role clerk;

    @BeforeEach
    void open() {
        a = (PostgresIam) fixture().open(Clock.systemUTC());
        other = new OtherProcess(PostgresIamConfig.defaults().withSchema(fixture().schema()).withDistributed(fixture().distributed()),
                "iamkit-test-other-process");
        b = other.db;
        TestData data = new TestData(a);
        org = data.org().id();
        invoices = data.entitledFeature(org, "read", "approve");
        user = data.member(org);
        clerk = data.role(org, Grant.allow(invoices, "read"));
        a.tenant(org).assignments().assign(clerk.id(), user.id());
        // the set-up's global writes reach B's cache asynchronously; the tests count what comes after them
        await().atMost(PATIENCE).until(() -> heard(b) >= heard(a));
    }

    @AfterEach
    void close() throws Exception {
        OtherProcess.closeAll(other, a);
    }

    private static long heard(PostgresIam db) {
        return ((dev.iamkit.authz.AuthzCache) db.accessCache()).globalRevisionHeard();
    }

    private boolean bCan(String action) {
        return b.tenant(org).authz().check(user.id(), invoices.id(), action);
    }

    @Test
    void aGrantCommittedInOneProcessReachesTheOthersCache() {
        assertThat(b.accessCache().metrics().trusted()).isTrue();
        assertThat(bCan("approve")).isFalse();
        assertThat(bCan("approve")).isFalse();
        CacheMetrics cached = b.accessCache().metrics();
        assertThat(cached.hits()).as("B answers from its cache").isPositive();

        a.tenant(org).grants().grant(clerk.id(), Grant.allow(invoices, "approve"));

        await().atMost(PATIENCE).until(() -> bCan("approve"));
        CacheMetrics after = b.accessCache().metrics();
        assertThat(after.misses()).as("B compiled again because it heard of the new revision").isGreaterThan(cached.misses());
        assertThat(after.invalidations()).as("only the organization's entries went out of date").isEqualTo(cached.invalidations());
        assertThat(b.tenant(org).revision()).isEqualTo(a.tenant(org).revision());
    }

    @Test
    void aChangeHeardFromAnotherProcessDropsOnlyTheAnswersItCanReach() {
        // a second user, holding another role: a change to the clerk role cannot reach her answers
        TestData data = new TestData(a);
        User other = data.member(org);
        Role auditor = data.role(org, Grant.allow(invoices, "read"));
        a.tenant(org).assignments().assign(auditor.id(), other.id());
        await().atMost(PATIENCE).until(() -> b.tenant(org).authz().check(other.id(), invoices.id(), "read") && bCan("read"));
        long misses = b.accessCache().metrics().misses();

        a.tenant(org).grants().grant(clerk.id(), Grant.allow(invoices, "approve"));     // reaches the clerk's holders only

        await().atMost(PATIENCE).until(() -> bCan("approve"));
        long afterClerk = b.accessCache().metrics().misses();
        assertThat(afterClerk - misses).as("the clerk's holder compiled again").isPositive();
        assertThat(b.tenant(org).authz().check(other.id(), invoices.id(), "approve")).isFalse();
        assertThat(b.tenant(org).authz().check(other.id(), invoices.id(), "read")).isTrue();
        assertThat(b.accessCache().metrics().misses()).as("the auditor's answers were carried past the clerk's revision").isEqualTo(afterClerk);

        a.tenant(org).grants().grant(auditor.id(), Grant.allow(invoices, "approve"));   // now her role changes
        await().atMost(PATIENCE).until(() -> b.tenant(org).authz().check(other.id(), invoices.id(), "approve"));
        assertThat(b.accessCache().metrics().misses()).isGreaterThan(afterClerk);
    }

    @Test
    void atLeastTheWritersRevisionIsNeverStaleInTheOtherProcess() {
        assertThat(bCan("read")).isTrue();
        for (int i = 0; i < 40; i++) {
            boolean allowed = i % 2 == 1;
            var writer = a.tenant(org);
            if (allowed) {
                writer.assignments().assign(clerk.id(), user.id());
            } else {
                writer.assignments().unassign(clerk.id(), Principal.user(user.id()));
            }
            Revision written = writer.lastWriteRevision().orElseThrow();
            // asked at once, before B's listener has (necessarily) heard of the change
            assertThat(b.tenant(org).authz(Consistency.atLeast(written)).check(user.id(), invoices.id(), "read"))
                    .as("round %d at %s", i, written).isEqualTo(allowed);
            assertThat(b.tenant(org).authz().check(user.id(), invoices.id(), "read"))
                    .as("an entry compiled at the written revision is what the default answers from now").isEqualTo(allowed);
        }
    }

    @Test
    void aGlobalChangeInOneProcessDropsTheOthersCache() {
        assertThat(bCan("read")).isTrue();
        long invalidations = b.accessCache().metrics().invalidations();

        a.users().update(a.users().find(user.id()).orElseThrow().withStatus(UserStatus.SUSPENDED));

        await().atMost(PATIENCE).until(() -> !bCan("read"));
        assertThat(b.accessCache().metrics().invalidations()).isGreaterThan(invalidations);
    }

    @Test
    void aLostListenerConnectionMakesTheCacheStepAsideUntilItIsBack() throws SQLException {
        assertThat(bCan("read")).isTrue();
        long invalidations = b.accessCache().metrics().invalidations();
        assertThat(terminateListenersOf(fixture().schema())).as("A's and B's listeners").isEqualTo(2);

        await().atMost(PATIENCE).until(() -> !b.accessCache().metrics().trusted() || listenerReconnected());
        assertThat(b.accessCache().metrics().invalidations()).as("the cache was dropped").isGreaterThan(invalidations);
        // whether or not the listener is back yet, an answer is never the dropped cache's
        a.tenant(org).assignments().unassign(clerk.id(), Principal.user(user.id()));
        assertThat(bCan("read")).isFalse();

        await().atMost(PATIENCE).until(() -> b.accessCache().metrics().trusted() && a.accessCache().metrics().trusted());
        assertThat(bCan("read")).isFalse();
        a.tenant(org).assignments().assign(clerk.id(), user.id());
        await("notifications flow again").atMost(PATIENCE).until(() -> bCan("read"));
    }

    @Test
    void overAnyOtherDataSourceTheListenerBorrowsAConnectionAndHandsItBackClean() throws SQLException {
        try (HikariDataSource one = TestDataSources.appPool(PostgresTestDatabase.get(), "iamkit-test-borrowed-listener", 1)) {
            DataSource plain = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (p, m, args) -> m.invoke(one, args));
            PostgresIam c = PostgresIam.create(plain, PostgresIamConfig.defaults().withSchema(fixture().schema()));
            assertThat(countListenersOf(fixture().schema())).as("A, B and C").isEqualTo(3);
            assertThat(one.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
            c.close();

            try (Connection conn = one.getConnection(); Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery("select count(*), current_setting('application_name') from pg_listening_channels()")) {
                rs.next();
                assertThat(rs.getInt(1)).as("channels still listened to").isZero();
                assertThat(rs.getString(2)).doesNotStartWith(ChangeListener.APPLICATION_NAME);
            }
        }
    }

    private boolean listenerReconnected() throws SQLException {
        return countListenersOf(fixture().schema()) == 2 && b.accessCache().metrics().trusted();
    }

    private static int terminateListenersOf(String schema) throws SQLException {
        return count("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?", schema);
    }

    private static int countListenersOf(String schema) throws SQLException {
        return count("select count(*) from pg_stat_activity where application_name = ?", schema);
    }

    private static int count(String sql, String schema) throws SQLException {
        try (Connection c = PostgresTestDatabase.get().connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, ChangeListener.applicationName(schema));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
