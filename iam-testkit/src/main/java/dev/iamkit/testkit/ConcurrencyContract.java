package dev.iamkit.testkit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races: 16 threads released together by one latch. Unique keys have exactly one winner, idempotent
 * writes leave one row, version checks let exactly one stale update through, and concurrent
 * audited changes get distinct, gapless sequence numbers.
 */
public abstract class ConcurrencyContract extends ContractBase {
    private static final int THREADS = 16;
    private static final long WAIT_SECONDS = 60;
    private AccessFixtures fx;
    private OrgId org;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
    }

    /** What one racing thread got: a value, or the exception it threw. */
    private record Outcome<T>(T value, Throwable error) {
        boolean won() {
            return error == null;
        }
    }

    /** Runs {@code task(i)} for i in 0..15 on 16 threads that all start when one latch opens. */
    private <T> List<Outcome<T>> race(IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(WAIT_SECONDS, SECONDS)) {
                        throw new IllegalStateException("the start latch never opened");
                    }
                    return task.apply(n);
                }));
            }
            assertThat(ready.await(WAIT_SECONDS, SECONDS)).as("all threads ready").isTrue();
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(WAIT_SECONDS, SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT_SECONDS, SECONDS)).as("pool terminated").isTrue();
        }
    }

    /** Exactly one thread won; every other one failed with an {@link AlreadyExistsException} on {@code field}. */
    private static <T> T oneWinnerTheRestAlreadyExist(List<Outcome<T>> outcomes, String field) {
        assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::error)
                .hasSize(THREADS - 1)
                .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(AlreadyExistsException.class,
                        a -> assertThat(a.field()).isEqualTo(field)));
        return outcomes.stream().filter(Outcome::won).findFirst().orElseThrow().value();
    }

    private long auditCount(String action) {
        return fx.audit(org).stream().filter(e -> e.action().equals(action)).count();
    }

    @Test
    void concurrentCreationOfTheSameOrganizationSlugHasOneWinner() throws Exception {
        Organization winner = oneWinnerTheRestAlreadyExist(
                race(i -> db.organizations().create(new NewOrganization("contested", "Contender " + i))), "slug");

        assertThat(db.organizations().findBySlug("contested")).contains(winner);
        assertThat(db.organizations().list(PageRequest.first(1000)).items())
                .filteredOn(o -> o.slug().equals("contested")).hasSize(1);
    }

    @Test
    void concurrentCreationOfTheSameEmailInDifferentCaseHasOneWinner() throws Exception {
        User winner = oneWinnerTheRestAlreadyExist(race(i -> {
            String local = (i % 2 == 0 ? "Race" : "rACE") + (i % 4 < 2 ? ".Runner" : ".rUNNER");
            String domain = i < 8 ? "Example.COM" : "example.com";
            return db.users().create(new NewUser(local + "@" + domain, "Runner " + i));
        }), "email");

        assertThat(winner.email()).isEqualTo("race.runner@example.com");
        assertThat(db.users().list(PageRequest.first(1000)).items())
                .filteredOn(u -> u.email().equals("race.runner@example.com")).containsExactly(winner);
    }

    @Test
    void concurrentCreationOfTheSameRoleCodeInOneOrganizationHasOneWinnerAndOneEvent() throws Exception {
        Role winner = oneWinnerTheRestAlreadyExist(
                race(i -> db.tenant(org).roles().create(new NewRole("approver", "Approver " + i))), "code");

        assertThat(db.tenant(org).roles().list(PageRequest.first()).items()).containsExactly(winner);
        assertThat(auditCount("role.create")).isEqualTo(1);
    }

    @Test
    void concurrentCreationOfTheSameTeamNameInAnyCaseHasOneWinner() throws Exception {
        Team winner = oneWinnerTheRestAlreadyExist(race(i -> db.tenant(org).teams().create(
                new NewTeam(i % 2 == 0 ? "Night Shift" : "NIGHT shift"))), "name");

        assertThat(db.tenant(org).teams().list(PageRequest.first()).items()).containsExactly(winner);
    }

    @Test
    void concurrentCreationOfOneRoleCodeInSixteenOrganizationsAllSucceed() throws Exception {
        List<OrgId> orgs = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            orgs.add(data.org().id());
        }

        List<Outcome<Role>> outcomes = race(i -> db.tenant(orgs.get(i)).roles().create(new NewRole("approver", "Approver")));

        assertThat(outcomes).allMatch(Outcome::won);
        for (OrgId o : orgs) {
            assertThat(db.tenant(o).roles().findByCode("approver")).isPresent();
        }
    }

    @Test
    void concurrentMembershipAddsOfTheSameUserHaveOneWinner() throws Exception {
        User user = data.user();

        oneWinnerTheRestAlreadyExist(race(i -> db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER)), "userId");

        assertThat(db.tenant(org).memberships().list(PageRequest.first()).items()).hasSize(1);
        assertThat(auditCount("membership.create")).isEqualTo(1);
    }

    @Test
    void concurrentGrantsOfTheSameActionLeaveOneRowAndOneEvent() throws Exception {
        Feature feature = data.feature("read", "write");
        Role role = data.role(org);

        List<Outcome<FeatureGrant>> outcomes = race(i -> db.tenant(org).grants().grant(role.id(), Grant.allow(feature, "read")));

        assertThat(outcomes).allMatch(Outcome::won);
        assertThat(db.tenant(org).grants().list(role.id())).singleElement()
                .satisfies(g -> assertThat(g.toGrant()).isEqualTo(Grant.allow(feature, "read")));
        assertThat(auditCount("grant.set")).isEqualTo(1);
    }

    @Test
    void concurrentAddsOfTheSameTeamMemberAddOnce() throws Exception {
        User user = data.member(org);
        Team team = data.team(org);

        List<Outcome<Boolean>> outcomes = race(i -> db.tenant(org).teams().addMember(team.id(), user.id()));

        assertThat(outcomes).allMatch(Outcome::won);
        assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())).count()).as("calls that added").isEqualTo(1);
        assertThat(db.tenant(org).teams().members(team.id())).containsExactly(user.id());
        assertThat(auditCount("team.member.add")).isEqualTo(1);
    }

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneThrough() throws Exception {
        Role role = data.role(org);

        List<Outcome<Role>> outcomes = race(i -> db.tenant(org).roles().update(role.withName("Renamed " + i)));

        assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::error).hasSize(THREADS - 1)
                .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(StaleVersionException.class,
                        s -> assertThat(s.expectedVersion()).isZero()));
        Role winner = outcomes.stream().filter(Outcome::won).findFirst().orElseThrow().value();
        assertThat(winner.version()).isEqualTo(1);
        assertThat(db.tenant(org).roles().find(role.id())).contains(winner);
        assertThat(auditCount("role.update")).isEqualTo(1);
    }

    @Test
    void concurrentOrganizationUpdatesFromTheSameVersionLetExactlyOneThrough() throws Exception {
        Organization stored = db.organizations().find(org).orElseThrow();

        List<Outcome<Organization>> outcomes = race(i -> db.organizations().update(stored.withName("Name " + i)));

        assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::error)
                .allSatisfy(e -> assertThat(e).isInstanceOf(StaleVersionException.class));
        Organization winner = outcomes.stream().filter(Outcome::won).findFirst().orElseThrow().value();
        assertThat(db.organizations().find(org)).contains(winner);
        assertThat(winner.version()).isEqualTo(stored.version() + 1);
    }

    @Test
    void concurrentChangesInOneOrganizationGetDistinctGaplessSequenceNumbers() throws Exception {
        List<Outcome<Team>> outcomes = race(i -> db.tenant(org).teams().create(new NewTeam("Team " + i)));

        assertThat(outcomes).allMatch(Outcome::won);
        assertThat(db.tenant(org).teams().list(PageRequest.first()).items()).hasSize(THREADS);
        assertThat(fx.audit(org)).extracting(AuditEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, THREADS).boxed().toList());
    }

    /**
     * Sixteen organizations, each moved under the next at once: all the moves together would close
     * a ring. Exactly one is refused, and every organization still has a way up to a root.
     */
    @Test
    void concurrentMovesOfAnOrganizationRingCannotCloseACycle() throws Exception {
        List<Organization> ring = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ring.add(db.organizations().create(new NewOrganization("ring-" + i, "Ring " + i)));
        }

        List<Outcome<Organization>> outcomes = race(i -> db.organizations().update(ring.get(i).withParent(Optional.of(ring.get((i + 1) % THREADS).id()))));

        assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::error).singleElement()
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("parentId"));
        for (Organization o : ring) {
            java.util.Set<OrgId> seen = new java.util.HashSet<>();
            Optional<OrgId> up = Optional.of(o.id());
            while (up.isPresent()) {
                assertThat(seen.add(up.get())).as("a cycle through %s above %s", up.get(), o.slug()).isTrue();
                up = db.organizations().find(up.get()).orElseThrow().parentId();
            }
        }
    }

    /**
     * Sixteen re-assignments of one role to one member at once, each with its own expiry: the
     * writes queue on the role, and each audit event records as its {@code before} the assignment
     * the event just before it stored. (A write that read the assignment in the snapshot it took
     * before its wait for the role recorded one older than the one it replaced, and a write back to
     * that older expiry was taken for a re-assignment as it was, which reaches no cached answer.)
     */
    @Test
    void concurrentReassignmentsEachRecordTheAssignmentTheyReplaced() throws Exception {
        User user = data.member(org);
        Role role = data.role(org);
        java.time.Instant base = clock.instant().plus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        dev.iamkit.model.Principal who = dev.iamkit.model.Principal.user(user.id());
        db.tenant(org).assignments().assign(role.id(), who, Optional.of(base));

        List<Outcome<dev.iamkit.model.Assignment>> outcomes = race(i -> db.tenant(org).assignments().assign(role.id(), who,
                Optional.of(base.plusSeconds(i + 1))));

        assertThat(outcomes).allMatch(Outcome::won);
        List<AuditEvent> sets = fx.audit(org).stream().filter(e -> e.action().equals("assignment.set")).toList();
        assertThat(sets).hasSize(THREADS + 1);
        for (int k = 1; k < sets.size(); k++) {
            assertThat(expiry(sets.get(k).before())).as("the before of event %d", sets.get(k).seq())
                    .isEqualTo(expiry(sets.get(k - 1).after())).isNotNull();
        }
    }

    /**
     * Sixteen entitlements of one module at once, the organization holding none before, each with
     * its own expiry: one of them is the first, and every other event records as its {@code before}
     * what the event just before it stored.
     */
    @Test
    void concurrentFirstEntitlementsEachRecordTheEntitlementTheyReplaced() throws Exception {
        dev.iamkit.model.Module module = db.catalog().modules().create(new dev.iamkit.model.NewModule("raced-module", "Raced"));
        java.time.Instant base = clock.instant().plus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        List<Outcome<dev.iamkit.model.Entitlement>> outcomes = race(i -> db.tenant(org).entitlements().entitle(module.id(),
                Optional.of(base.plusSeconds(i))));

        assertThat(outcomes).allMatch(Outcome::won);
        List<AuditEvent> sets = fx.audit(org).stream().filter(e -> e.action().equals("entitlement.set")).toList();
        assertThat(sets).hasSize(THREADS);
        assertThat(sets.get(0).before()).as("the first one's before").isEmpty();
        for (int k = 1; k < sets.size(); k++) {
            assertThat(expiry(sets.get(k).before())).as("the before of event %d", sets.get(k).seq())
                    .isEqualTo(expiry(sets.get(k - 1).after())).isNotNull();
        }
    }

    /** The {@code expiresAt} an assignment's or entitlement's snapshot holds, as text; null when there is no snapshot. */
    private static String expiry(Optional<String> snapshot) {
        if (snapshot.isEmpty()) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"expiresAt\"\\s*:\\s*(\"[^\"]*\"|null)").matcher(snapshot.get());
        assertThat(m.find()).as("an expiry in " + snapshot.get()).isTrue();
        return m.group(1);
    }

    @Test
    void racingTransactionsThatLoseRollBackTheirOtherWrites() throws Exception {
        List<Outcome<Role>> outcomes = race(i -> db.inTenant(org, Actor.system(), tx -> {
            tx.teams().create(new NewTeam("Crew " + i));
            return tx.roles().create(new NewRole("captain", "Captain " + i));
        }));

        oneWinnerTheRestAlreadyExist(outcomes, "code");
        int winner = outcomes.indexOf(outcomes.stream().filter(Outcome::won).findFirst().orElseThrow());
        assertThat(db.tenant(org).teams().list(PageRequest.first()).items()).extracting(Team::name)
                .containsExactly("Crew " + winner);
        assertThat(fx.audit(org)).extracting(AuditEvent::action).containsExactly("team.create", "role.create");
        assertThat(fx.audit(org)).extracting(AuditEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void concurrentMovesOfAMenuRingCannotCloseACycle() throws Exception {
        List<MenuItem> ring = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ring.add(db.navigation().create(NewMenuItem.group("Item " + i, i)));
        }

        // Each thread moves one item below the next one; all moves together would close a ring.
        List<Outcome<MenuItem>> outcomes = race(i -> db.navigation().move(ring.get(i), Optional.of(ring.get((i + 1) % THREADS).id()), 0));

        assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::error).singleElement()
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("parentId"));
        assertThat(db.navigation().list()).as("every item still reachable from the top level").hasSize(THREADS);
        assertThat(db.navigation().children(Optional.empty())).hasSize(1);
    }
}
