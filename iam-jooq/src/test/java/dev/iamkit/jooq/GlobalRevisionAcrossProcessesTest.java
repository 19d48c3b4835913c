package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Feature;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes for global changes across processes (issue 12): two stores over one schema
 * stand for instances A and B, as in {@link CrossProcessCacheTest}, and B's change listener
 * reaches the server through a {@link TcpProxy} that carries nothing while A writes, so B hears of
 * A's changes as late as the test likes. B's cache therefore still holds the entry it compiled
 * before each of A's global changes, and answers from it by default and with {@code atLeast} of the
 * organization's revision (a user's status and a module's switch move no organization revision):
 * the stale answers the issue reported. With {@code atLeast(A.lastGlobalWriteRevision())} B answers
 * the new truth every time.
 */
class GlobalRevisionAcrossProcessesTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("globalxprocess");

    /** The schema the two processes share. */
    PostgresFixture fixture() {
        return FIXTURE;
    }
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");
    private static final int ROUNDS = 8;

    /** What the test opened, the latest first. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private PostgresIam a;
    private PostgresIam b;
    private TcpProxy relay;
    private OrgId org;
    private Module module;
    private Feature invoices;
    private User user;

    @BeforeEach
    void open() throws IOException {
        a = (PostgresIam) fixture().open(Clock.systemUTC());
        opened.push(a);
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        Matcher m = HOST_PORT.matcher(pg.jdbcUrl());
        assertThat(m.lookingAt()).as(pg.jdbcUrl()).isTrue();
        HikariDataSource poolOfB = TestDataSources.appPool(pg, "iamkit-test-instance-b", 4);
        opened.push(poolOfB);
        relay = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        String relayed = m.replaceFirst("jdbc:postgresql://127.0.0.1:" + relay.port() + "/");
        // a staleness bound longer than the test, so that B's cache keeps answering while the relay is silent
        b = PostgresIam.create(listeningThrough(relayed, poolOfB), PostgresIamConfig.defaults().withSchema(fixture().schema())
                .withMaxStaleness(java.time.Duration.ofMinutes(5)));
        opened.push(b);
        opened.push(relay);

        TestData data = new TestData(a);
        org = data.org().id();
        module = data.module();
        invoices = a.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read")));
        a.catalog().linkFeature(module.id(), invoices.id());
        a.tenant(org).entitlements().entitle(module.id());
        user = data.memberWith(org, Grant.allow(invoices, "read"));
    }

    /** B's pool, except for its change listener, whose connection goes through the relay. */
    private static DataSource listeningThrough(String relayedUrl, DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(GlobalRevisionAcrossProcessesTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, method, args) -> {
                    if (method.getName().equals("getConnection") && Thread.currentThread().getName().startsWith("iamkit-listener")) {
                        return DriverManager.getConnection(relayedUrl, TestDataSources.APP_LOGIN, TestDataSources.APP_PASSWORD);
                    }
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void close() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();   // the relay first: closing B waits for its listener
        }
    }

    private boolean bCan(Consistency consistency) {
        return b.tenant(org).authz(consistency).check(user.id(), invoices.id(), "read");
    }

    /** Round {@code round} of A's changes: even rounds take the permission away, odd ones give it back; a user's status first, then a module. */
    private GlobalRevision aChanges(int round) {
        boolean allowed = round % 2 == 1;
        if (round < ROUNDS / 2) {
            a.users().update(a.users().find(user.id()).orElseThrow().withStatus(allowed ? UserStatus.ACTIVE : UserStatus.SUSPENDED));
        } else {
            a.catalog().modules().update(a.catalog().modules().find(module.id()).orElseThrow().withEnabled(allowed));
        }
        return a.lastGlobalWriteRevision().orElseThrow();
    }

    @Test
    void atLeastTheWritersGlobalRevisionIsNeverStaleInTheOtherInstance() throws IOException {
        assertThat(b.accessCache().metrics().trusted()).isTrue();
        assertThat(bCan(Consistency.minimizeLatency())).as("B's entry, compiled before any change").isTrue();
        relay.blackHole();

        int staleByDefault = 0;
        int staleAtTheOrganizationsRevision = 0;
        int rightAtTheGlobalRevision = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean allowed = round % 2 == 1;
            GlobalRevision written = aChanges(round);
            long hits = b.accessCache().metrics().hits();
            boolean byDefault = bCan(Consistency.minimizeLatency());
            boolean atOrgRevision = bCan(Consistency.atLeast(b.tenant(org).revision()));
            assertThat(b.accessCache().metrics().hits()).as("round %d: B answered from the entry it holds", round).isEqualTo(hits + 2);
            staleByDefault += byDefault != allowed ? 1 : 0;
            staleAtTheOrganizationsRevision += atOrgRevision != allowed ? 1 : 0;

            boolean atGlobalRevision = bCan(Consistency.atLeast(written));
            assertThat(atGlobalRevision).as("round %d at %s", round, written).isEqualTo(allowed);
            rightAtTheGlobalRevision += atGlobalRevision == allowed ? 1 : 0;
        }
        System.out.printf("GlobalRevisionAcrossProcessesTest: B, its notifications held back, answered A's %d global changes: stale %d of %d by default, "
                        + "stale %d of %d at least the organization's revision, right %d of %d at least A's global revision%n",
                ROUNDS, staleByDefault, ROUNDS, staleAtTheOrganizationsRevision, ROUNDS, rightAtTheGlobalRevision, ROUNDS);
        assertThat(staleByDefault).as("the held-back notifications are what B waits for").isEqualTo(ROUNDS);
        assertThat(staleAtTheOrganizationsRevision).as("global changes move no organization revision").isEqualTo(ROUNDS);
        assertThat(rightAtTheGlobalRevision).isEqualTo(ROUNDS);

        relay.heal();
        a.users().update(a.users().find(user.id()).orElseThrow().withStatus(UserStatus.SUSPENDED));
        await("B hears of A's changes again").atMost(Duration.ofSeconds(10)).until(() -> !bCan(Consistency.minimizeLatency()));
    }
}
