package dev.iamkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Decision;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.TenantMismatchException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.Uuid7;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quick checks of the store's own machinery: transactions, rollback, scope lifetime, concurrency. */
class InMemoryStoreSmokeTest {
    private MutableClock clock;
    private IamDatabase db;
    private TestData data;

    @BeforeEach
    void open() {
        clock = new MutableClock();
        db = InMemoryIam.create(clock);
        data = new TestData(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void failedWorkLeavesNothingBehindAndSeqStaysGapFree() {
        Organization org = data.org();
        data.role(org.id());
        assertThatThrownBy(() -> db.inTenant(org.id(), Actor.system(), tx -> {
            tx.roles().create(new NewRole("doomed", "Doomed"));
            data.team(org.id());   // a nested single call joins the transaction
            throw new IllegalArgumentException("boom");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");

        TenantScope t = db.tenant(org.id());
        assertThat(t.roles().findByCode("doomed")).isEmpty();
        assertThat(t.teams().list(PageRequest.first()).items()).isEmpty();
        data.role(org.id());
        assertThat(t.audit().list(PageRequest.first()).items()).extracting(AuditEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void failingReplaceWritesNoGrant() {
        Organization org = data.org();
        Feature f = data.feature("read", "write");
        Role r = data.role(org.id(), Grant.allow(f, "read"));
        long events = db.tenant(org.id()).audit().list(PageRequest.first()).items().size();
        assertThatThrownBy(() -> db.tenant(org.id()).grants().replace(r.id(),
                List.of(Grant.allow(f, "write"), Grant.deny(f, "read"), Grant.allow(f, "nope"))))
                .isInstanceOf(ValidationException.class);
        assertThat(db.tenant(org.id()).grants().list(r.id())).extracting(g -> g.action()).containsExactly("read");
        assertThat(db.tenant(org.id()).audit().list(PageRequest.first()).items()).hasSize((int) events);
    }

    @Test
    void scopeIsDeadAfterWorkReturns() {
        Organization org = data.org();
        AtomicReference<TenantScope> kept = new AtomicReference<>();
        db.inTenant(org.id(), Actor.system(), tx -> {
            kept.set(tx);
            return null;
        });
        assertThatThrownBy(() -> kept.get().roles()).isInstanceOf(dev.iamkit.error.ScopeEndedException.class);
    }

    @Test
    void closedStoreRefusesEverything() {
        Organization org = data.org();
        db.close();
        db.close();
        assertThatThrownBy(() -> db.organizations().find(org.id()))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> db.inTenant(org.id(), Actor.system(), tx -> 1)).isInstanceOf(StorageException.class);
    }

    @Test
    void concurrentCreatesOfOneRoleCodeLeaveOne() throws Exception {
        Organization org = data.org();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        db.tenant(org.id()).roles().create(new NewRole("clerk", "Clerk"));
                        return true;
                    } catch (AlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void teamGrantAllowsUntilAssignmentExpires() {
        Organization org = data.org();
        Feature f = data.entitledFeature(org.id(), "read");
        User ana = data.member(org.id());
        Team team = data.team(org.id());
        Role r = data.role(org.id(), Grant.allow(f, "read"));
        TenantScope t = db.tenant(org.id());
        t.teams().addMember(team.id(), ana.id());
        t.assignments().assign(r.id(), dev.iamkit.model.Principal.team(team.id()), Optional.of(clock.instant().plusSeconds(60)));
        Decision d = t.authz().explain(ana.id(), f.id(), "read");
        assertThat(d.reason()).isEqualTo(Decision.Reason.ALLOWED);
        assertThat(d.viaTeam()).contains(team.id());
        clock.advance(Duration.ofSeconds(60));
        assertThat(t.authz().explain(ana.id(), f.id(), "read").reason()).isEqualTo(Decision.Reason.NO_ALLOW_GRANT);
    }

    @Test
    void otherTenantsRecordsAndIdsAreForeign() {
        Organization a = data.org();
        Organization b = data.org();
        Role r = data.role(a.id());
        assertThatThrownBy(() -> db.tenant(b.id()).roles().update(r.withName("X"))).isInstanceOf(TenantMismatchException.class);
        assertThatThrownBy(() -> db.tenant(b.id()).roles().delete(r.id())).isInstanceOf(NotFoundException.class);
        OrgId nowhere = new OrgId(Uuid7.next(clock));
        assertThat(db.tenant(nowhere).roles().list(PageRequest.first()).items()).isEmpty();
        assertThatThrownBy(() -> db.tenant(nowhere).roles().create(new NewRole("x1", "X")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("organization"));
    }

    @Test
    void concurrentTransactionsCommitOrVanishWhole() throws Exception {
        Organization org = data.org();
        User ana = data.member(org.id());
        int threads = 8;
        int rounds = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int committed = 0;
                    for (int i = 0; i < rounds; i++) {
                        boolean fail = i % 3 == 0;
                        String code = "r" + thread + "-" + i;
                        try {
                            db.inTenant(org.id(), Actor.system(), tx -> {
                                Role r = tx.roles().create(new NewRole(code, code));
                                Team team = tx.teams().create(new dev.iamkit.model.NewTeam(code));
                                tx.teams().addMember(team.id(), ana.id());
                                tx.assignments().assign(r.id(), team.id());
                                if (fail) {
                                    throw new IllegalStateException("abort " + code);
                                }
                                return r;
                            });
                            committed++;
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessage("abort " + code);
                        }
                    }
                    return committed;
                }));
            }
            start.countDown();
            int committed = 0;
            for (Future<Integer> f : results) {
                committed += f.get();
            }
            TenantScope t = db.tenant(org.id());
            assertThat(t.roles().list(PageRequest.first(1000)).items()).hasSize(committed);
            assertThat(t.teams().teamsOf(ana.id())).hasSize(committed);
            List<AuditEvent> events = t.audit().list(PageRequest.first(1000)).items();
            assertThat(events).hasSize(1 + 4 * committed);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(i + 1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void providerIsFoundByName() {
        try (IamDatabase other = IamDatabases.open("memory", Map.of(), clock)) {
            assertThat(other.kind()).isEqualTo("memory");
            assertThat(other.clock()).isSameAs(clock);
        }
        assertThat(Instant.parse("2030-01-01T00:00:00Z")).isEqualTo(clock.instant());
    }
}
