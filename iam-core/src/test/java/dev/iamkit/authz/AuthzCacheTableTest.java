package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The entries of {@link AuthzCache}: found by their pair only, bounded by the size, replaced in place, dropped all at once. */
class AuthzCacheTableTest {
    private final AtomicInteger compiles = new AtomicInteger();

    private CompiledAccess ask(AuthzCache cache, OrgId org, UserId user, long revision) {
        return cache.get(org, user, AuthzCache.Floor.NONE, () -> {
            compiles.incrementAndGet();
            return new CompiledAccess(org, user, revision, 0, Optional.empty(), new TreeSet<>(), Map.of(), new TreeSet<>());
        });
    }

    @Test
    void pairsThatShareAHalfAreDifferentEntries() {
        AuthzCache cache = new AuthzCache(100, Clock.systemUTC(), true);
        OrgId org = new OrgId(new UUID(1, 2));
        List<UserId> users = List.of(new UserId(new UUID(1, 2)), new UserId(new UUID(2, 1)), new UserId(new UUID(1, 3)), new UserId(new UUID(0, 2)));
        for (UserId u : users) {
            assertThat(ask(cache, org, u, 0).userId()).isEqualTo(u);
        }
        OrgId other = new OrgId(new UUID(2, 1));
        assertThat(ask(cache, other, users.get(0), 0).orgId()).isEqualTo(other);
        assertThat(compiles).hasValue(5);
        for (UserId u : users) {
            assertThat(ask(cache, org, u, 0).userId()).as("from memory").isEqualTo(u);
        }
        assertThat(compiles).hasValue(5);
        assertThat(cache.metrics().size()).isEqualTo(5);
    }

    @Test
    void theSizeBoundsTheEntriesAndARecentlyUsedEntryOutlivesTheOthers() {
        AuthzCache cache = new AuthzCache(100, Clock.systemUTC(), true);
        OrgId org = new OrgId(UUID.randomUUID());
        UserId hot = new UserId(UUID.randomUUID());
        ask(cache, org, hot, 0);
        for (int i = 0; i < 1000; i++) {
            ask(cache, org, new UserId(UUID.randomUUID()), 0);
            ask(cache, org, hot, 0);
        }
        CacheMetrics m = cache.metrics();
        assertThat(m.size()).isEqualTo(100);
        assertThat(m.evictions()).isEqualTo(901);
        assertThat(compiles).as("the hot user, asked after every other, was never evicted").hasValue(1001);
        assertThat(m.hits()).isEqualTo(1000);
    }

    @Test
    void aNewerCompileReplacesTheEntryOfItsPairAndInvalidationDropsEverything() {
        AuthzCache cache = new AuthzCache(10, Clock.systemUTC(), true);
        OrgId org = new OrgId(UUID.randomUUID());
        UserId user = new UserId(UUID.randomUUID());
        ask(cache, org, user, 1);
        cache.orgChanged(org, 2);
        assertThat(ask(cache, org, user, 2).revision()).isEqualTo(2);
        assertThat(ask(cache, org, user, 3).revision()).as("kept in place of the older one").isEqualTo(2);
        assertThat(cache.metrics().size()).isEqualTo(1);
        cache.invalidateAll();
        assertThat(cache.metrics().size()).isZero();
        assertThat(ask(cache, org, user, 3).revision()).isEqualTo(3);
    }

    @Test
    void concurrentReadersAndWritersOnlyEverGetTheAskedPair() throws Exception {
        AuthzCache cache = new AuthzCache(500, Clock.systemUTC(), true);
        List<OrgId> orgs = new ArrayList<>();
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orgs.add(new OrgId(UUID.randomUUID()));
        }
        for (int i = 0; i < 100; i++) {
            users.add(new UserId(UUID.randomUUID()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 50_000; i++) {
                        OrgId o = orgs.get(ThreadLocalRandom.current().nextInt(orgs.size()));
                        UserId u = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                        CompiledAccess c = ask(cache, o, u, 0);
                        if (!c.orgId().equals(o) || !c.userId().equals(u)) {
                            wrong++;
                        }
                        if (i % 5000 == 0) {
                            cache.invalidateAll();
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.metrics().size()).isBetween(0L, 500L);
        assertThat(cache.metrics().hits()).isPositive();
    }
}
