package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.Principal;
import dev.iamkit.model.UserStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Consistency.full()} answers from a cached entry only once the store's current revisions
 * prove it current, so it sees a change committed by another process before this process hears of
 * it. Process A's change listener connects through a proxy that stops forwarding, with a
 * staleness bound long enough that A's cache goes on answering default checks from memory; process
 * B writes. A's default check still gives the old answer (A has not heard), its {@code full()}
 * check gives the new one. Without the read of the revisions, the entry would have answered.
 */
class FullConsistencyAcrossProcessesTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("fullacross");

    private TwoProcesses processes;

    @BeforeEach
    void open() throws Exception {
        // the bound keeps A's cache answering while its listener is cut
        processes = TwoProcesses.open(FIXTURE, "iamkit-test-full-across", PostgresIamConfig.defaults()
                .withDistributed(FIXTURE.distributed()).withMaxStaleness(Duration.ofMinutes(10)));
    }

    @AfterEach
    void close() throws Exception {
        processes.close();
    }

    @Test
    void fullSeesAnotherProcesssChangesBeforeThisProcessHearsOfThem() throws java.io.IOException {
        PostgresIam a = processes.a;
        PostgresIam b = processes.b;
        OneRoleWorld w = processes.world;
        TcpProxy proxy = processes.proxy;
        await().atMost(Duration.ofSeconds(10)).until(() -> a.accessCache().metrics().trusted());
        assertThat(processes.aCan(Consistency.minimizeLatency())).isTrue();
        CacheMetrics warm = a.accessCache().metrics();
        assertThat(processes.aCan(Consistency.full())).isTrue();
        assertThat(a.accessCache().metrics().misses()).as("full, the entry current: answered from it").isEqualTo(warm.misses());

        proxy.blackHole();
        b.users().create(new NewUser("full-across-" + System.nanoTime() + "@example.com", "New"));
        CacheMetrics before = a.accessCache().metrics();
        assertThat(processes.aCan(Consistency.full())).isTrue();
        if (!CitusTestMode.on()) {      // on Citus full() asks the store every time
            assertThat(a.accessCache().metrics().misses()).as("a new user moves the global revision, not one checks depend on: no compile")
                    .isEqualTo(before.misses());
            assertThat(a.accessCache().metrics().hits()).isEqualTo(before.hits() + 1);
        }

        b.users().update(b.users().find(w.user().id()).orElseThrow().withStatus(UserStatus.SUSPENDED));
        assertThat(processes.aCan(Consistency.minimizeLatency())).as("A has not heard of the suspension").isTrue();
        assertThat(processes.aCan(Consistency.full())).as("full, after another process suspended the user").isFalse();

        b.users().update(b.users().find(w.user().id()).orElseThrow().withStatus(UserStatus.ACTIVE));
        assertThat(processes.aCan(Consistency.full())).isTrue();

        b.tenant(w.org()).assignments().unassign(w.clerk().id(), Principal.user(w.user().id()));
        assertThat(processes.aCan(Consistency.full())).as("full, after another process revoked the role").isFalse();
        assertThat(a.tenant(w.org()).authz(Consistency.full()).effectivePermissions(w.user().id())).isEmpty();

        b.tenant(w.org()).assignments().assign(w.clerk().id(), w.user().id());
        assertThat(processes.aCan(Consistency.full())).as("full, after another process assigned it again").isTrue();
        proxy.heal();
    }
}
