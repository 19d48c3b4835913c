package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.iamkit.error.StorageException;
import dev.iamkit.error.StorageException.Kind;
import dev.iamkit.jooq.FaultLoad.Outcome;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Health;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.RetryPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store under faults, on a cluster of the suite's own ({@link ThrowawayCluster}): six writers
 * create roles through a pool the store built (default timeouts) while backends are killed, the
 * server is restarted fast and stopped for ten seconds, and commits are cut on the wire. It prints
 * what callers saw and how fast the store came back, and proves that no acknowledged write was
 * lost, no write that was reported not applied was stored, keyed work was never written twice
 * (never an {@code AlreadyExistsException}), and every failure was a {@code StorageException}
 * whose kind says what happened.
 */
@Tag("faults")
class FaultSuiteTest {
    private static final int WRITERS = 6;
    private static final String APP = "iamkit-suite";
    private static final String WAITING_APP = "iamkit-suite-waiting";
    private static final Duration STOP = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static ThrowawayCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = ThrowawayCluster.get();
    }

    private static PostgresIamConfig config() {
        return PostgresIamConfig.defaults().withSchema(ThrowawayCluster.SCHEMA).withCacheSize(0);
    }

    private static OrgId organization(PostgresIam db, String name) {
        return db.organizations().create(new NewOrganization(name + "-" + UUID.randomUUID().toString().substring(0, 8), name)).id();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** Waits until {@code count} writes have been acknowledged after {@code since}: the store has come back. */
    private static void awaitAcknowledged(FaultLoad load, long since, int count) {
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(10)).until(() -> load.acknowledgedAfter(since) >= count);
    }

    /** One line of the report: the failures a fault caused, and how long until writes were acknowledged again. */
    private static String row(FaultLoad load, String fault, long at, long back) {
        long end = load.firstAcknowledgedAfter(back).orElseThrow();
        List<Outcome> failed = load.between(at, end, o -> !o.acknowledged());
        Map<String, Long> kinds = failed.stream().collect(Collectors.groupingBy(o -> o.kind() + " " + o.state(), TreeMap::new, Collectors.counting()));
        // keyed writes go on retrying for up to the policy's deadline; a plain call fails as soon as the store gives up
        long slowestPlain = failed.stream().filter(o -> !o.keyed()).mapToLong(o -> o.end() - o.start()).max().orElse(0);
        return String.format("  %-30s %6d ms %7d ms %4d failed, slowest plain %5d ms  %s", fault, millis(end - back), millis(end - at),
                failed.size(), millis(slowestPlain), kinds);
    }

    @Test
    void underBackendKillsAFastRestartAndATenSecondStopNoAcknowledgedWriteIsLostAndEveryFailureSaysWhatHappened() throws Exception {
        String url = cluster.url(APP) + "&user=" + ThrowawayCluster.APP_LOGIN;
        List<String> report = new ArrayList<>();
        List<Long> healthMillis = new ArrayList<>();
        try (PostgresIam db = PostgresIam.connect(url, config(), Clock.systemUTC())) {
            OrgId org = organization(db, "suite");
            long began = System.nanoTime();
            FaultLoad load = new FaultLoad(db, org, RetryPolicy.defaults(), "w", WRITERS);
            try {
                awaitAcknowledged(load, began, 60);
                for (int i = 1; i <= 3; i++) {
                    long at = System.nanoTime();
                    int killed = (int) cluster.count(ThrowawayCluster.terminating(APP, "true", false));
                    long back = System.nanoTime();
                    awaitAcknowledged(load, back, 30);
                    report.add(row(load, "backend kill " + i + " (" + killed + " backends)", at, back));
                }

                long at = System.nanoTime();
                cluster.restartFast();
                long back = System.nanoTime();
                awaitAcknowledged(load, back, 30);
                report.add(row(load, "fast restart", at, back));

                at = System.nanoTime();
                cluster.stop();
                // while the server is down, health answers, unreachable, within its bound
                while (System.nanoTime() - at < STOP.toNanos()) {
                    long start = System.nanoTime();
                    Health h = db.health();
                    healthMillis.add(millis(System.nanoTime() - start));
                    assertThat(h.reachable()).isFalse();
                }
                cluster.start();
                back = System.nanoTime();
                awaitAcknowledged(load, back, 30);
                report.add(row(load, "stop for " + STOP.toSeconds() + " s", at, back));
            } finally {
                load.close();
                ensureStarted();
            }
            List<Outcome> outcomes = load.outcomes();
            Map<String, RoleId> before = storedRoles(org);
            Resolution resolved = resolveFailedKeyedWrites(db, org, outcomes, before);
            print(report, outcomes, before, resolved, healthMillis);
            verify(outcomes, before, resolved, storedRoles(org));
        }
    }

    @Test
    void commitsCutOnTheWireAreReportedUnknownAndKeyedWorkRetriedThroughThemIsWrittenOnce() throws Exception {
        int each = 10;
        OrgId org;
        try (PostgresIam plain = PostgresIam.connect(cluster.url(APP) + "&user=" + ThrowawayCluster.APP_LOGIN, config(), Clock.systemUTC())) {
            org = organization(plain, "cut");
        }
        String url = cluster.url(WAITING_APP) + "&user=" + ThrowawayCluster.WAITING_LOGIN;
        List<StorageException> plainFailures = new ArrayList<>();
        List<StorageException> userFailures = new ArrayList<>();
        Map<String, RoleId> keyed = new HashMap<>();
        AtomicInteger keyedRuns = new AtomicInteger();
        AtomicBoolean cutting = new AtomicBoolean(true);
        // every commit of this login waits for a standby; cut each one's connection while it waits
        CompletableFuture<Integer> cuts = CompletableFuture.supplyAsync(() -> {
            Set<Integer> pids = new HashSet<>();
            try (Connection admin = cluster.admin(); PreparedStatement cut = admin.prepareStatement("SELECT pid, pg_terminate_backend(pid)"
                    + " FROM pg_stat_activity WHERE application_name = '" + WAITING_APP + "' AND wait_event = 'SyncRep'")) {
                while (cutting.get()) {
                    try (ResultSet rs = cut.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getBoolean(2)) {
                                pids.add(rs.getInt(1));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return pids.size();
        });
        try (PostgresIam db = PostgresIam.connect(url, config(), Clock.systemUTC())) {
            for (int i = 0; i < each; i++) {
                String code = "cut-p-" + i;
                plainFailures.add(catchThrowableOfType(StorageException.class,
                        () -> db.inTenant(org, Actor.system(), tx -> tx.roles().create(new NewRole(code, "Cut")))));
                String email = "cut-" + i + "-" + org + "@example.com";
                userFailures.add(catchThrowableOfType(StorageException.class, () -> db.users().create(new NewUser(email, "Cut"))));
                String keyedCode = "cut-k-" + i;
                keyed.put(keyedCode, db.retrying(RetryPolicy.defaults()).inTenant(org, Actor.system(), IdempotencyKey.of(keyedCode), FaultLoad.ROLE_ID,
                        tx -> {
                            keyedRuns.incrementAndGet();
                            return tx.roles().create(new NewRole(keyedCode, "Cut")).id();
                        }));
            }
        } finally {
            cutting.set(false);
        }
        int cut = cuts.join();
        Map<String, RoleId> stored = storedRoles(org);
        long plainStored = IntStream.range(0, each).filter(i -> stored.containsKey("cut-p-" + i)).count();
        long usersStored = cluster.count("SELECT count(*) FROM " + ThrowawayCluster.SCHEMA + ".app_user WHERE email LIKE 'cut-%-" + org + "@example.com'");
        System.out.printf("%niamkit fault suite, commits cut on the wire (%d backends killed while their commit waited): %d plain inTenant -> %s, %d stored; %d user creates -> %s, %d stored;"
                + " %d keyed through retrying -> %d acknowledged, work run %d times, %d returned the stored id%n%n", cut, each, kinds(plainFailures),
                plainStored, each, kinds(userFailures), usersStored, each, keyed.size(), keyedRuns.get(),
                keyed.entrySet().stream().filter(e -> e.getValue().equals(stored.get(e.getKey()))).count());

        assertThat(plainFailures).allSatisfy(e -> assertThat(e).isNotNull().extracting(StorageException::kind).isEqualTo(Kind.OUTCOME_UNKNOWN));
        assertThat(userFailures).allSatisfy(e -> assertThat(e).isNotNull().extracting(StorageException::kind).isEqualTo(Kind.OUTCOME_UNKNOWN));
        // here every cut commit had been made locally: unknown to the caller, and stored
        assertThat(plainStored).isEqualTo(each);
        assertThat(usersStored).isEqualTo(each);
        assertThat(keyedRuns).hasValue(each);
        keyed.forEach((code, id) -> assertThat(stored.get(code)).as(code).isEqualTo(id));
        assertThat(cut).as("one cut per plain write, user create and first attempt of keyed work").isEqualTo(3 * each);
    }

    private static Map<String, Long> kinds(List<StorageException> failures) {
        return failures.stream().collect(Collectors.groupingBy(e -> e == null ? "acknowledged" : e.kind() + " " + e.code().orElse("none"),
                TreeMap::new, Collectors.counting()));
    }

    /** What repeating the keys of failed keyed writes, after the faults, came to. */
    record Resolution(Map<String, RoleId> results, int replayed, int made, List<String> problems) {
    }

    /**
     * Repeats every failed keyed write with its key, the way a caller resolves an unknown outcome:
     * a write that was stored must come back with its stored id and run nothing; one that was not
     * must run now.
     */
    private static Resolution resolveFailedKeyedWrites(PostgresIam db, OrgId org, List<Outcome> outcomes, Map<String, RoleId> before) {
        Map<String, RoleId> results = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int replayed = 0;
        int made = 0;
        for (Outcome o : outcomes) {
            if (!o.keyed() || o.acknowledged()) {
                continue;
            }
            AtomicInteger runs = new AtomicInteger();
            try {
                RoleId id = db.retrying(RetryPolicy.defaults()).inTenant(org, Actor.system(), IdempotencyKey.of(o.code()), FaultLoad.ROLE_ID, tx -> {
                    runs.incrementAndGet();
                    return tx.roles().create(new NewRole(o.code(), "Written under faults")).id();
                });
                results.put(o.code(), id);
                if (before.containsKey(o.code())) {
                    replayed++;
                    if (runs.get() != 0) {
                        problems.add(o.code() + " was stored, yet repeating its key ran the work again");
                    }
                } else {
                    made++;
                }
            } catch (RuntimeException e) {
                problems.add(o.code() + ": repeating its key failed: " + e);
            }
        }
        return new Resolution(results, replayed, made, problems);
    }

    private static void ensureStarted() {
        try {
            cluster.start();
        } catch (IllegalStateException alreadyRunning) {
            // it is up, as it should be
        }
    }

    private static Map<String, RoleId> storedRoles(OrgId org) throws SQLException {
        Map<String, RoleId> stored = new HashMap<>();
        try (Connection c = cluster.admin(); PreparedStatement ps = c.prepareStatement(
                "SELECT code, id FROM " + ThrowawayCluster.SCHEMA + ".role WHERE org_id = ?")) {
            ps.setObject(1, org.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), RoleId.of((UUID) rs.getObject(2)));
                }
            }
        }
        return stored;
    }

    private static void print(List<String> report, List<Outcome> outcomes, Map<String, RoleId> stored, Resolution resolved, List<Long> healthMillis) {
        long acked = outcomes.stream().filter(Outcome::acknowledged).count();
        long keyedAcked = outcomes.stream().filter(o -> o.acknowledged() && o.keyed()).count();
        List<Outcome> failed = outcomes.stream().filter(o -> !o.acknowledged()).toList();
        Map<String, Long> kinds = failed.stream().collect(Collectors.groupingBy(o -> o.failure() + " " + o.kind() + " " + o.state(), TreeMap::new,
                Collectors.counting()));
        long unknown = failed.stream().filter(o -> o.kind() == Kind.OUTCOME_UNKNOWN).count();
        long unknownStored = failed.stream().filter(o -> o.kind() == Kind.OUTCOME_UNKNOWN && stored.containsKey(o.code())).count();
        long notApplied = failed.stream().filter(o -> o.kind() == Kind.NOT_APPLIED).count();
        long notAppliedAbsent = failed.stream().filter(o -> o.kind() == Kind.NOT_APPLIED && !stored.containsKey(o.code())).count();
        long lost = outcomes.stream().filter(o -> o.acknowledged() && !o.id().equals(stored.get(o.code()))).count();
        StringBuilder out = new StringBuilder();
        out.append("\niamkit fault suite: PostgreSQL ").append(cluster.name()).append(" (port ").append(cluster.port()).append("), ").append(WRITERS)
                .append(" writers, half keyed work through retrying(defaults), half plain inTenant; connect timeout ")
                .append(PostgresIamConfig.seconds(config().connectTimeout())).append(" s, health timeout ")
                .append(PostgresIamConfig.seconds(config().healthTimeout())).append(" s\n");
        out.append(String.format("  %-30s %9s %10s %s%n", "fault", "back→ack", "fault→ack", "failed calls, by kind and SQLState"));
        report.forEach(r -> out.append(r).append('\n'));
        out.append(String.format("  writes: %d, acknowledged %d (%d keyed), lost %d%n", outcomes.size(), acked, keyedAcked, lost));
        out.append(String.format("  failed: %d %s%n", failed.size(), kinds));
        out.append(String.format("  NOT_APPLIED and absent: %d of %d; OUTCOME_UNKNOWN: %d (stored %d, absent %d)%n", notAppliedAbsent, notApplied,
                unknown, unknownStored, unknown - unknownStored));
        out.append(String.format("  failed keyed writes repeated with their key: %d returned the stored result without running, %d ran then%n",
                resolved.replayed(), resolved.made()));
        out.append(String.format("  health() while stopped: %d calls, slowest %d ms%n", healthMillis.size(),
                healthMillis.stream().mapToLong(Long::longValue).max().orElse(0)));
        System.out.println(out);
    }

    private static void verify(List<Outcome> outcomes, Map<String, RoleId> before, Resolution resolved, Map<String, RoleId> after) {
        assertThat(outcomes.stream().filter(o -> !o.acknowledged()).map(Outcome::failure)).as("every failure is a StorageException")
                .containsOnly("StorageException");
        assertThat(outcomes).as("no failure is REJECTED").noneMatch(o -> o.kind() == Kind.REJECTED);
        assertThat(outcomes).as("some writes failed, or the faults proved nothing").anyMatch(o -> !o.acknowledged());
        for (Outcome o : outcomes) {
            if (o.acknowledged()) {
                assertThat(before.get(o.code())).as("acknowledged " + o.code() + " is stored with the id its caller got").isEqualTo(o.id());
            } else if (o.kind() == Kind.NOT_APPLIED) {
                assertThat(before).as("NOT_APPLIED " + o.code() + " is not stored").doesNotContainKey(o.code());
            }
        }
        assertThat(resolved.problems()).isEmpty();
        resolved.results().forEach((code, id) -> assertThat(after.get(code)).as(code).isEqualTo(id));
    }
}
