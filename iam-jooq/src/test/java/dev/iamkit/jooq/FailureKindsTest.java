package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.StorageException.Kind;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.retry.RetryPolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kind of a real failure, made on a cluster of the test's own ({@link ThrowawayCluster}) by
 * terminating the store's backend before, during and after commit: a connection lost before the
 * commit is {@code NOT_APPLIED} and left nothing, one lost while the commit waits for a standby
 * (made deterministic with {@code synchronous_standby_names}) is {@code OUTCOME_UNKNOWN} and did
 * commit, and keyed work retried after it returns the first result without writing twice. Every
 * failure keeps its SQLState.
 */
@Tag("faults")
class FailureKindsTest {
    private static final String APP = "iamkit-kinds";
    private static final String WAITING_APP = "iamkit-kinds-waiting";
    private static final String HOST_APP = "iamkit-kinds-host";
    private static final ResultCodec<RoleId> ROLE_ID = ResultCodec.of(RoleId::toString, RoleId::parse);
    private static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static ThrowawayCluster cluster;
    private static HikariDataSource pool;
    private static HikariDataSource waitingPool;
    private static PostgresIam db;
    /** The same schema through the login whose commits wait for a standby. */
    private static PostgresIam waiting;
    private OrgId org;

    @BeforeAll
    static void open() {
        cluster = ThrowawayCluster.get();
        pool = pool(APP, ThrowawayCluster.APP_LOGIN);
        waitingPool = pool(WAITING_APP, ThrowawayCluster.WAITING_LOGIN);
        db = PostgresIam.create(pool, config(), Clock.systemUTC());
        waiting = PostgresIam.create(waitingPool, config(), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        waiting.close();
        db.close();
        waitingPool.close();
        pool.close();
    }

    private static PostgresIamConfig config() {
        return PostgresIamConfig.defaults().withSchema(ThrowawayCluster.SCHEMA).withCacheSize(0);
    }

    private static HikariDataSource pool(String applicationName, String login) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(cluster.url(applicationName));
        hc.setUsername(login);
        hc.setMaximumPoolSize(4);
        hc.setConnectionTimeout(5_000);
        hc.setPoolName(applicationName);
        return new HikariDataSource(hc);
    }

    @BeforeEach
    void organization() {
        int n = SEQ.incrementAndGet();
        org = db.organizations().create(new NewOrganization("kinds-" + n + "-" + System.nanoTime() % 100_000, "Kinds " + n)).id();
        db.tenant(org).roles().create(new NewRole("seed", "Seed"));   // the organization's counter row exists from here on
    }

    private List<String> roleCodes() {
        return db.tenant(org).roles().list(PageRequest.first()).items().stream().map(Role::code).toList();
    }

    /**
     * Runs {@code call} while the superuser holds the organization's counter row, so the call's
     * audited write waits on it; its backend is terminated while it waits, in the middle of the
     * call, after its savepoint was set.
     */
    private <T extends Throwable> T killedInsideACall(String applicationName, Class<T> expected, Runnable call) throws SQLException {
        try (Connection lock = cluster.admin()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("SELECT 1 FROM " + ThrowawayCluster.SCHEMA + ".org_counter WHERE org_id = '" + org + "' FOR UPDATE");
            }
            CompletableFuture<Integer> killed = killWhen(applicationName, "wait_event_type = 'Lock'");
            T thrown = catchThrowableOfType(expected, call::run);
            assertThat(killed.join()).isEqualTo(1);
            lock.rollback();
            return thrown;
        }
    }

    /** Terminates the backends of {@code applicationName} that match {@code condition} as soon as there are any (within 30 s). */
    private static CompletableFuture<Integer> killWhen(String applicationName, String condition) {
        return CompletableFuture.supplyAsync(() -> {
            AtomicInteger killed = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> killed.addAndGet(cluster.terminate(applicationName, condition)) > 0);
            return killed.get();
        });
    }

    private static void assertLost(StorageException e, Kind kind) {
        assertThat(e).as("a failure").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.retryable()).isEqualTo(kind == Kind.NOT_APPLIED);
        assertThat(e.code()).as(e.getMessage()).hasValueSatisfying(code -> assertThat(code).isIn("57P01", "08006", "08003"));
        assertThat(e).hasMessageNotContaining("could not undo");
    }

    @Test
    void aConnectionLostInsideACallOfInTenantIsNotAppliedWithItsOwnStateAndLeavesNothing() throws SQLException {
        StorageException e = killedInsideACall(APP, StorageException.class, () -> db.inTenant(org, Actor.system(), tx -> {
            tx.roles().create(new NewRole("before", "Before"));
            return tx.roles().create(new NewRole("during", "During"));
        }));

        assertLost(e, Kind.NOT_APPLIED);
        assertThat(e.code()).contains("57P01");
        assertThat(roleCodes()).containsExactly("seed");
    }

    @Test
    void workThatCatchesTheLossAndGoesOnIsNotCommitted() throws SQLException {
        AtomicReference<StorageException> caught = new AtomicReference<>();
        StorageException e = killedInsideACall(APP, StorageException.class, () -> db.inTenant(org, Actor.system(), tx -> {
            try {
                tx.roles().create(new NewRole("during", "During"));
            } catch (StorageException lost) {
                caught.set(lost);
            }
            return null;
        }));

        assertLost(caught.get(), Kind.NOT_APPLIED);
        assertLost(e, Kind.NOT_APPLIED);
        assertThat(roleCodes()).containsExactly("seed");
    }

    @Test
    void aConnectionLostInsideTheHostsTransactionIsNotAppliedWithItsOwnState() throws SQLException {
        try (Connection host = DriverManager.getConnection(cluster.url(HOST_APP), ThrowawayCluster.APP_LOGIN, "")) {
            host.setAutoCommit(false);
            StorageException e = killedInsideACall(HOST_APP, StorageException.class, () -> db.inTenant(host, org, Actor.system(), tx -> {
                tx.roles().create(new NewRole("before", "Before"));
                return tx.roles().create(new NewRole("during", "During"));
            }));

            assertLost(e, Kind.NOT_APPLIED);
            assertThat(e.code()).contains("57P01");
            assertThatThrownBy(host::commit).isInstanceOf(SQLException.class);
        }
        assertThat(roleCodes()).containsExactly("seed");
    }

    @Test
    void aConnectionLostWhileTheCommitIsOnTheWireIsAnUnknownOutcomeAndHereItDidCommit() {
        CompletableFuture<Integer> killed = killWhen(WAITING_APP, "wait_event = 'SyncRep'");

        StorageException e = catchThrowableOfType(StorageException.class,
                () -> waiting.inTenant(org, Actor.system(), tx -> tx.roles().create(new NewRole("maybe", "Maybe"))));

        assertThat(killed.join()).isEqualTo(1);
        assertLost(e, Kind.OUTCOME_UNKNOWN);
        assertThat(e).hasMessageContaining("may or may not be stored");
        assertThat(roleCodes()).containsExactlyInAnyOrder("seed", "maybe");
    }

    /**
     * A write's audit event goes with its commit, in one exchange ({@link TransactionExchange}).
     * Lost while that exchange is on the wire, the write's outcome is unknown to the store, and it
     * says so: here the event waited on a lock, so nothing was committed, but the store cannot tell
     * that from a loss after the commit.
     */
    @Test
    void aConnectionLostWhileTheAuditEventGoesWithTheCommitIsAnUnknownOutcome() throws SQLException {
        CompletableFuture<StorageException> call;
        try (Connection lock = cluster.admin()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE " + ThrowawayCluster.SCHEMA + ".audit_event IN SHARE MODE");
            }
            CompletableFuture<Integer> killed = killWhen(APP, "wait_event_type = 'Lock' AND query LIKE '%insert into%audit_event%'");
            // a thread of its own: the killer's wait may hold the common pool's only thread on two cores
            call = CompletableFuture.supplyAsync(() -> catchThrowableOfType(StorageException.class,
                    () -> db.tenant(org).roles().create(new NewRole("paired", "Paired"))), r -> new Thread(r, "paired-write").start());
            try {
                assertThat(killed.join()).isEqualTo(1);
            } finally {
                lock.rollback();   // lets the call go on if it was not killed
            }
        }
        StorageException e = call.join();

        assertLost(e, Kind.OUTCOME_UNKNOWN);
        assertThat(e).hasMessageContaining("may or may not be stored");
        assertThat(roleCodes()).containsExactly("seed");
    }

    @Test
    void keyedWorkRetriedAfterAnUnknownCommitReturnsTheFirstResultAndIsWrittenOnce() {
        CompletableFuture<Integer> killed = killWhen(WAITING_APP, "wait_event = 'SyncRep'");
        AtomicInteger runs = new AtomicInteger();

        RoleId made = waiting.retrying(QUICK).inTenant(org, Actor.system(), IdempotencyKey.of("create-once"), ROLE_ID, tx -> {
            runs.incrementAndGet();
            return tx.roles().create(new NewRole("once", "Once")).id();
        });

        assertThat(killed.join()).isEqualTo(1);
        assertThat(runs).as("the work ran once; the retry found its key").hasValue(1);
        assertThat(db.tenant(org).roles().findByCode("once")).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(made));
        assertThat(roleCodes()).containsExactlyInAnyOrder("seed", "once");
        assertThat(cluster.count("SELECT count(*) FROM " + ThrowawayCluster.SCHEMA + ".idempotency_key WHERE org_id = '" + org + "'")).isEqualTo(1);
    }

    @Test
    void anUnknownOutcomeWithoutAKeyReachesTheCallerAtOnceForARepeatWouldFindItDone() {
        CompletableFuture<Integer> killed = killWhen(WAITING_APP, "wait_event = 'SyncRep'");
        String email = "unknown-" + SEQ.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
        AtomicInteger attempts = new AtomicInteger();

        StorageException e = catchThrowableOfType(StorageException.class, () -> waiting.retrying(QUICK).call(() -> {
            attempts.incrementAndGet();
            return waiting.users().create(new NewUser(email, "Unknown"));
        }));

        assertThat(killed.join()).isEqualTo(1);
        assertLost(e, Kind.OUTCOME_UNKNOWN);
        assertThat(attempts).hasValue(1);
        assertThat(db.users().findByEmail(email)).isPresent();
        assertThatThrownBy(() -> db.users().create(new NewUser(email, "Unknown"))).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aWriteCommittedBeforeItsBackendIsKilledIsKeptAndTheNextCallsAreNotAppliedOrSucceed() {
        db.tenant(org).roles().create(new NewRole("kept", "Kept"));
        assertThat(cluster.terminate(APP, "true")).isPositive();

        for (int i = 0; i < 6; i++) {
            String code = "after-" + i;
            try {
                db.tenant(org).roles().create(new NewRole(code, "After"));
            } catch (StorageException lost) {
                assertLost(lost, Kind.NOT_APPLIED);
                assertThat(roleCodes()).doesNotContain(code);
            }
        }
        db.retrying(QUICK).call(() -> db.tenant(org).roles().create(new NewRole("retried", "Retried")));
        assertThat(roleCodes()).contains("seed", "kept", "retried");
    }

    /** The waiting login's commits do wait: without that, the tests above could not catch a commit on the wire. */
    @Test
    void theWaitingLoginsCommitsWaitUntilTheirBackendIsCancelled() throws Exception {
        CompletableFuture<Role> commit = CompletableFuture.supplyAsync(() -> waiting.tenant(org).roles().create(new NewRole("late", "Late")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> cluster.count(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + WAITING_APP + "' AND wait_event = 'SyncRep'") == 1);
        assertThat(commit).isNotDone();
        // a cancelled wait ends the commit (it was made locally) and reports success
        assertThat(cluster.cancel(WAITING_APP, "wait_event = 'SyncRep'")).isEqualTo(1);
        assertThat(commit.get(30, TimeUnit.SECONDS).code()).isEqualTo("late");
    }
}
