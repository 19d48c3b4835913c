package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staleness bound when the change listener goes silent without failing: process A's listener
 * connects through a proxy that stops forwarding (a stalled server process or a partition looks
 * so: no error, no data), process B revokes a role. A must stop answering from its cache within
 * the bound, answer each check with one call meanwhile (no compile), and use its cache again once
 * the listener hears again.
 */
class StalledListenerTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("stalled");
    private static final Duration BOUND = PostgresIamConfig.defaults().maxStaleness();

    private TwoProcesses processes;

    @BeforeEach
    void open() throws Exception {
        processes = TwoProcesses.open(FIXTURE, "iamkit-test-stalled-listener", PostgresIamConfig.defaults());
    }

    @AfterEach
    void close() throws Exception {
        processes.close();
    }

    private record Answer(long askedAt, boolean allowed) {
    }

    @Test
    void aSilentListenerStopsVouchingForTheCacheWithinTheBound() throws java.io.IOException {
        PostgresIam a = processes.a;
        PostgresIam b = processes.b;
        OneRoleWorld w = processes.world;
        TcpProxy proxy = processes.proxy;
        await().atMost(Duration.ofSeconds(10)).until(() -> a.accessCache().metrics().trusted());
        assertThat(processes.aCan(Consistency.minimizeLatency())).isTrue();
        assertThat(processes.aCan(Consistency.minimizeLatency())).isTrue();
        assertThat(a.accessCache().metrics().hits()).as("A answers from its cache").isPositive();

        proxy.blackHole();
        long stalledAt = System.nanoTime();
        b.tenant(w.org()).assignments().unassign(w.clerk().id(), Principal.user(w.user().id()));
        long revokedAt = System.nanoTime();
        CacheMetrics before = a.accessCache().metrics();

        List<Answer> answers = new ArrayList<>();
        long notServingAt = -1;
        while (System.nanoTime() - revokedAt < 3 * BOUND.toNanos()) {
            long askedAt = System.nanoTime();
            answers.add(new Answer(askedAt, processes.aCan(Consistency.minimizeLatency())));
            if (notServingAt < 0 && !a.accessCache().metrics().trusted()) {
                notServingAt = System.nanoTime();
            }
        }
        CacheMetrics stalled = a.accessCache().metrics();
        List<Answer> stale = answers.stream().filter(Answer::allowed).toList();
        List<Answer> lateStale = stale.stream().filter(s -> s.askedAt() - revokedAt >= BOUND.toNanos()).toList();
        System.out.printf("stalled listener, bound %d ms: %d answers, %d stale, the last asked %d ms after the revoke; the cache stopped"
                        + " answering %d ms after the stall; %d questions went to the store directly, %d compiles%n",
                BOUND.toMillis(), answers.size(), stale.size(),
                stale.isEmpty() ? 0 : (stale.getLast().askedAt() - revokedAt) / 1_000_000, (notServingAt - stalledAt) / 1_000_000,
                stalled.bypassed() - before.bypassed(), stalled.misses() - before.misses());

        assertThat(lateStale).as("answers asked a bound or more after the revoke committed, that still allowed").isEmpty();
        assertThat(notServingAt).as("the cache stopped answering").isPositive();
        assertThat(notServingAt - stalledAt).as("nanoseconds from the stall until the cache stopped answering")
                .isLessThanOrEqualTo(BOUND.toNanos() + Duration.ofMillis(300).toNanos());   // the margin: this loop's own scheduling
        assertThat(stalled.bypassed() - before.bypassed()).as("checks answered by the store directly").isPositive();
        assertThat(stalled.misses() - before.misses()).as("compiles while the cache could not answer: at most one, at the edge").isLessThanOrEqualTo(1);

        proxy.heal();
        await("the listener hears again").atMost(Duration.ofSeconds(20)).until(() -> a.accessCache().metrics().trusted());
        assertThat(processes.aCan(Consistency.minimizeLatency())).isFalse();
        long hits = a.accessCache().metrics().hits();
        assertThat(processes.aCan(Consistency.minimizeLatency())).isFalse();
        assertThat(a.accessCache().metrics().hits()).as("A answers from its cache again").isGreaterThan(hits);
    }
}
