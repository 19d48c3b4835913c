package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.model.Actor;
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
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V19: another process hears a revision by reading it, not only when it is announced, and a
 * write of access data sends no notification in its own transaction (which would make every
 * commit in the database wait for PostgreSQL's notification lock). Two stores over one schema
 * stand for two processes; the writer's announcements are switched off, so the reader hears only
 * what its polls find.
 */
class RevisionPollTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("poll");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** B's staleness bound: short, so that the test can wait it out. */
    private static final Duration BOUND = Duration.ofMillis(300);

    private PostgresIam a;
    private OtherProcess other;
    private PostgresIam b;
    private TestData data;

    @BeforeEach
    void open() {
        a = (PostgresIam) FIXTURE.open(Clock.systemUTC());
        ((AuthzCache) a.accessCache()).observeCommits((org, revision, impact) -> { });   // A announces nothing
        other = new OtherProcess(PostgresIamConfig.defaults().withSchema(FIXTURE.schema()).withMaxStaleness(BOUND), "iamkit-test-poll");
        b = other.db;
        data = new TestData(a);
    }

    @AfterEach
    void close() throws Exception {
        OtherProcess.closeAll(other, a);
    }

    /** An organization with a user holding a role that allows read, and B's cached "no" to approve. */
    private record World(OrgId org, Feature invoices, User user, Role clerk) {
        boolean can(PostgresIam db, String action) {
            return db.tenant(org).authz().check(user.id(), invoices.id(), action);
        }
    }

    private World world() {
        OrgId org = data.org().id();
        Feature invoices = data.entitledFeature(org, "read", "approve");
        User user = data.member(org);
        Role clerk = data.role(org, Grant.allow(invoices, "read"));
        a.tenant(org).assignments().assign(clerk.id(), user.id());
        World w = new World(org, invoices, user, clerk);
        await().atMost(PATIENCE).until(() -> w.can(b, "read"));
        assertThat(w.can(b, "approve")).isFalse();
        return w;
    }

    @Test
    void aRevisionNobodyAnnouncedIsHeardByTheOtherProcess() {
        World w = world();
        long hits = b.accessCache().metrics().hits();
        assertThat(w.can(b, "approve")).isFalse();
        assertThat(b.accessCache().metrics().hits()).as("B answers from its cache").isGreaterThan(hits);

        a.tenant(w.org()).grants().grant(w.clerk().id(), Grant.allow(w.invoices(), "approve"));

        // once the bound has passed since the commit, a default check of B is never the old answer, however B comes by it
        await().pollDelay(BOUND).atMost(PATIENCE).until(() -> true);
        assertThat(w.can(b, "approve")).isTrue();
        long before = b.accessCache().metrics().hits();
        await().atMost(PATIENCE).until(() -> w.can(b, "approve") && b.accessCache().metrics().hits() > before);   // B's cache answers it again
    }

    /** A suspension committed by a process without a cache (so without a listener to announce it) reaches B by its poll (V28). */
    @Test
    void aGlobalChangeNobodyAnnouncedIsHeardByTheOtherProcess() {
        World w = world();
        assertThat(w.can(b, "read")).isTrue();
        try (PostgresIam silent = PostgresIam.create(FIXTURE.pool(), PostgresIamConfig.defaults().withSchema(FIXTURE.schema()).withCacheSize(0))) {
            silent.users().update(silent.users().find(w.user().id()).orElseThrow().withStatus(dev.iamkit.model.UserStatus.SUSPENDED));
        }
        await().pollDelay(BOUND).atMost(PATIENCE).until(() -> true);
        assertThat(w.can(b, "read")).as("the suspended user, once the bound has passed").isFalse();
    }

    /**
     * A transaction that took its id first and commits last: a cursor that followed the ids it had
     * seen would have passed it by; the oldest running transaction does not.
     */
    @Test
    void aLongTransactionThatCommitsAfterLaterOnesIsNotSkipped() throws SQLException {
        World slow = world();
        World fast = world();
        try (Connection host = TestDataSources.app(PostgresTestDatabase.get()).getConnection()) {
            host.setAutoCommit(false);
            a.inTenant(host, slow.org(), Actor.system(), tx -> tx.grants().grant(slow.clerk().id(), Grant.allow(slow.invoices(), "approve")));

            // later transactions commit, and B has polled past them
            a.tenant(fast.org()).grants().grant(fast.clerk().id(), Grant.allow(fast.invoices(), "approve"));
            await().atMost(PATIENCE).until(() -> fast.can(b, "approve"));
            assertThat(slow.can(b, "approve")).isFalse();

            host.commit();
        }
        await().atMost(PATIENCE).until(() -> slow.can(b, "approve"));
    }

    /** What makes other processes hear a revision within milliseconds, with its reach: the committing process announces it. */
    @Test
    void aProcessAnnouncesItsCommittedRevisionsWithTheirReach() throws SQLException {
        World w = world();
        try (Connection listener = PostgresTestDatabase.get().connect()) {
            try (java.sql.Statement st = listener.createStatement()) {
                st.execute("LISTEN \"" + FIXTURE.schema() + "\"");
            }
            b.tenant(w.org()).assignments().unassign(w.clerk().id(), dev.iamkit.model.Principal.user(w.user().id()));   // B's announcements are on
            long revision = b.tenant(w.org()).revision().value();
            String expected = "r " + w.org().value() + " " + revision + " u:" + w.user().id().value();
            org.postgresql.PGConnection pg = listener.unwrap(org.postgresql.PGConnection.class);
            java.util.List<String> heard = new java.util.ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                org.postgresql.PGNotification[] batch = pg.getNotifications(100);
                if (batch != null) {
                    for (org.postgresql.PGNotification n : batch) {
                        heard.add(n.getParameter());
                    }
                }
                return heard.contains(expected);
            });
        }
    }

    /** No trigger sends a notification (V19 for the counter, V28 for global data): a commit never takes the server's notification lock. */
    @Test
    void noTriggerSendsANotification() throws SQLException {
        try (Connection c = PostgresTestDatabase.get().connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
                     + "JOIN pg_class r ON r.oid = t.tgrelid WHERE r.relnamespace = quote_ident(?)::regnamespace AND p.prosrc ILIKE '%notify%'")) {
            ps.setString(1, FIXTURE.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
