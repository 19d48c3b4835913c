package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consistency modes over the compiled-permission cache: minimizeLatency answers from the
 * cache but never from an entry this process knows to be out of date (its own writes, users'
 * status and catalog changes included); atLeast(revision) is never older than the revision; full
 * answers from an entry only while it is current, else compiles; uncached reads the store and
 * leaves the cache alone. Metrics count what the cache did. (That full sees another process's
 * change before this one hears of it is PostgreSQL's to show: {@code FullConsistencyAcrossProcessesTest}.)
 */
public abstract class ConsistencyContract extends ContractBase {
    private OrgId org;
    private Module module;
    private Feature invoices;
    private User user;
    private Role reader;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        module = data.module();
        invoices = db.catalog().features().create(new NewFeature("invoices-" + data.next(), "Invoices", List.of("read", "approve")));
        db.catalog().linkFeature(module.id(), invoices.id());
        db.tenant(org).entitlements().entitle(module.id());
        user = data.member(org);
        reader = data.role(org, Grant.allow(invoices, "read"));
        db.tenant(org).assignments().assign(reader.id(), user.id());
    }

    private boolean can(Consistency consistency, String action) {
        return db.tenant(org).authz(consistency).check(user.id(), invoices.id(), action);
    }

    private CacheMetrics metrics() {
        return db.accessCache().metrics();
    }

    @Test
    void theDefaultIsMinimizeLatencyAndARepeatedCheckIsAnsweredFromTheCache() {
        assertThat(metrics().maximumSize()).isPositive();
        assertThat(metrics().trusted()).isTrue();
        assertThat(db.tenant(org).authz().check(user.id(), invoices.id(), "read")).isTrue();
        CacheMetrics first = metrics();

        for (int i = 0; i < 5; i++) {
            assertThat(db.tenant(org).authz().check(user.id(), invoices.id(), "read")).isTrue();
            assertThat(db.tenant(org).authz().check(user.id(), invoices.id(), "approve")).isFalse();
        }

        CacheMetrics after = metrics();
        assertThat(after.hits() - first.hits()).isEqualTo(10);
        assertThat(after.misses()).isEqualTo(first.misses());
        assertThat(after.size()).isPositive();
    }

    @Test
    void aWriteThroughThisStoreIsSeenByTheNextCheckAtEveryConsistency() {
        assertThat(can(Consistency.minimizeLatency(), "approve")).isFalse();
        TenantScope scope = db.tenant(org);
        scope.grants().grant(reader.id(), Grant.allow(invoices, "approve"));
        Revision written = scope.lastWriteRevision().orElseThrow();

        assertThat(can(Consistency.minimizeLatency(), "approve")).isTrue();
        assertThat(can(Consistency.atLeast(written), "approve")).isTrue();
        assertThat(can(Consistency.full(), "approve")).isTrue();

        scope.grants().grant(reader.id(), Grant.deny(invoices, "read"));
        assertThat(can(Consistency.minimizeLatency(), "read")).as("DENY written after the entry was cached").isFalse();
    }

    @Test
    void atLeastARevisionCompilesAgainWhenTheEntryIsOlder() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        Revision now = db.tenant(org).revision();
        long misses = metrics().misses();

        assertThat(can(Consistency.atLeast(now), "read")).isTrue();
        assertThat(metrics().misses()).as("the entry is at the revision asked for").isEqualTo(misses);

        assertThat(can(Consistency.atLeast(Revision.of(org, now.value() + 1)), "read")).isTrue();
        assertThat(metrics().misses()).as("no entry can be that new: the store is read").isEqualTo(misses + 1);
    }

    @Test
    void atLeastARevisionOfAnotherOrganizationIsRefused() {
        OrgId other = data.org().id();
        Revision foreign = Revision.of(other, 1);
        assertThatThrownBy(() -> db.tenant(org).authz(Consistency.atLeast(foreign)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("consistency"));
        assertThatThrownBy(() -> db.tenant(org).authz(null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("consistency"));
    }

    @Test
    void uncachedReadsTheStoreAndLeavesTheCacheAlone() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        CacheMetrics before = metrics();
        Authz full = db.tenant(org).authz(Consistency.uncached());
        assertThat(full.check(user.id(), invoices.id(), "read")).isTrue();
        assertThat(full.effectivePermissions(user.id())).containsExactly(new Permission(invoices.id(), "read"));
        CacheMetrics after = metrics();
        assertThat(after.hits()).as("not read").isEqualTo(before.hits());
        assertThat(after.misses()).as("nothing compiled").isEqualTo(before.misses());
        assertThat(after.size()).as("nothing kept").isEqualTo(before.size());
    }

    @Test
    void fullCompilesWhenNothingIsHeldAndThenAnswersFromTheEntryWhileItIsCurrent() {
        db.accessCache().invalidateAll();
        CacheMetrics start = metrics();
        assertThat(can(Consistency.full(), "read")).isTrue();
        assertThat(metrics().misses()).as("nothing held: compiled").isEqualTo(start.misses() + 1);
        assertThat(can(Consistency.full(), "read")).isTrue();
        assertThat(can(Consistency.full(), "approve")).isFalse();
        assertThat(can(Consistency.minimizeLatency(), "read")).as("the default answers from the entry full kept").isTrue();
        CacheMetrics held = metrics();
        assertThat(held.misses()).as("the entry is current: nothing compiled").isEqualTo(start.misses() + 1);
        assertThat(held.hits()).isEqualTo(start.hits() + 3);

        db.tenant(org).grants().grant(reader.id(), Grant.allow(invoices, "approve"));
        assertThat(can(Consistency.full(), "approve")).isTrue();
        assertThat(metrics().misses()).as("a write that reaches the user: compiled again").isEqualTo(start.misses() + 2);
        assertThat(db.tenant(org).authz(Consistency.full()).effectivePermissions(user.id()))
                .containsExactlyInAnyOrder(new Permission(invoices.id(), "read"), new Permission(invoices.id(), "approve"));
        assertThat(metrics().misses()).isEqualTo(start.misses() + 2);
    }

    @Test
    void fullSeesAnExpiryWhileItsEntryIsHeld() {
        db.tenant(org).assignments().assign(reader.id(), Principal.user(user.id()),
                java.util.Optional.of(clock.instant().plus(java.time.Duration.ofHours(1))));
        assertThat(can(Consistency.full(), "read")).isTrue();
        assertThat(can(Consistency.full(), "read")).isTrue();
        clock.advance(java.time.Duration.ofMinutes(61));
        assertThat(can(Consistency.full(), "read")).as("the assignment expired while its entry was held").isFalse();
    }

    /** The answers a user's status and the catalog change, at the default consistency and at full(). */
    static Stream<Consistency> cached() {
        return Stream.of(Consistency.minimizeLatency(), Consistency.full());
    }

    @ParameterizedTest
    @MethodSource("cached")
    void aUsersStatusChangeIsSeenByCachedChecks(Consistency consistency) {
        assertThat(can(consistency, "read")).isTrue();
        db.users().update(db.users().find(user.id()).orElseThrow().withStatus(UserStatus.SUSPENDED));
        assertThat(can(consistency, "read")).isFalse();
        db.users().update(db.users().find(user.id()).orElseThrow().withStatus(UserStatus.ACTIVE));
        assertThat(can(consistency, "read")).isTrue();
        db.users().delete(user.id());
        assertThat(can(consistency, "read")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("cached")
    void catalogChangesAreSeenByCachedChecks(Consistency consistency) {
        assertThat(can(consistency, "read")).isTrue();
        assertThat(db.catalog().unlinkFeature(module.id(), invoices.id())).isTrue();
        assertThat(can(consistency, "read")).as("the feature left the entitled module").isFalse();
        db.catalog().linkFeature(module.id(), invoices.id());
        assertThat(can(consistency, "read")).isTrue();
        db.catalog().modules().update(db.catalog().modules().find(module.id()).orElseThrow().withEnabled(false));
        assertThat(can(consistency, "read")).as("the module is disabled").isFalse();
    }

    @Test
    void cachedAnswersAgreeWithTheStoreForEveryQuestion() {
        Authz cached = db.tenant(org).authz();
        Authz full = db.tenant(org).authz(Consistency.full());
        View dashboard = data.entitledView(org);
        db.tenant(org).grants().grantView(reader.id(), ViewAccess.allow(dashboard.id()));
        for (int round = 0; round < 2; round++) {   // the second round is answered from the cache
            assertThat(cached.effectivePermissions(user.id())).isEqualTo(full.effectivePermissions(user.id()));
            assertThat(cached.accessibleViews(user.id())).isEqualTo(full.accessibleViews(user.id())).containsExactly(dashboard.id());
            assertThat(cached.canAccessView(user.id(), dashboard.id())).isTrue();
            assertThat(cached.checkAll(user.id(), List.of(new Permission(invoices.id(), "approve"), new Permission(invoices.id(), "read"))))
                    .isEqualTo(full.checkAll(user.id(), List.of(new Permission(invoices.id(), "approve"), new Permission(invoices.id(), "read"))))
                    .containsValues(false, true);
        }
    }

    @Test
    void checksInsideATransactionSeeItsUncommittedChangesAndAreNotCached() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        db.inTenant(org, Actor.system(), tx -> {
            tx.assignments().unassign(reader.id(), Principal.user(user.id()));
            assertThat(tx.authz().check(user.id(), invoices.id(), "read")).isFalse();
            assertThat(tx.authz(Consistency.minimizeLatency()).check(user.id(), invoices.id(), "read")).isFalse();
            tx.assignments().assign(reader.id(), user.id());
            assertThat(tx.authz().check(user.id(), invoices.id(), "read")).isTrue();
            return null;
        });
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
    }

    @Test
    void invalidatingTheCacheMakesTheNextCheckCompile() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        CacheMetrics before = metrics();
        db.accessCache().invalidateAll();
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        CacheMetrics after = metrics();
        assertThat(after.misses()).isEqualTo(before.misses() + 1);
        assertThat(after.invalidations()).isGreaterThan(before.invalidations());
    }

    /**
     * A re-assignment as it was (the same role, principal and expiry: a new grantor and time only)
     * changes no answer, so the cached entry stays; an assignment whose expiry moves is compiled
     * again, and an earlier expiry ends the answer when it passes.
     */
    @Test
    void aReassignmentAsItWasKeepsTheEntryAndAMovedExpiryIsSeen() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        long misses = metrics().misses();
        TenantScope scope = db.tenant(org);
        clock.advance(java.time.Duration.ofMinutes(1));
        scope.assignments().assign(reader.id(), user.id());
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        assertThat(metrics().misses()).as("re-assigned as it was: answered from the entry").isEqualTo(misses);

        java.util.Optional<java.time.Instant> later = java.util.Optional.of(clock.instant().plus(java.time.Duration.ofHours(2)));
        scope.assignments().assign(reader.id(), Principal.user(user.id()), later);
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        assertThat(metrics().misses()).as("an expiry added: compiled again").isEqualTo(misses + 1);
        scope.assignments().assign(reader.id(), Principal.user(user.id()), later);
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        assertThat(metrics().misses()).as("the same expiry again: answered from the entry").isEqualTo(misses + 1);

        scope.assignments().assign(reader.id(), Principal.user(user.id()), java.util.Optional.of(clock.instant().plus(java.time.Duration.ofHours(1))));
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        clock.advance(java.time.Duration.ofMinutes(90));
        assertThat(can(Consistency.minimizeLatency(), "read")).as("the earlier expiry has passed").isFalse();
        assertThat(can(Consistency.full(), "read")).isFalse();
    }
}
