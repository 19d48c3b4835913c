package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The staleness bound of the cache: it answers only while a heartbeat sent less than the bound ago vouches for it. */
class AuthzCacheLeaseTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final AuthzCache cache = new AuthzCache(100, Clock.systemUTC(), Duration.ofSeconds(1), now::get);
    private final OrgId org = new OrgId(UUID.randomUUID());
    private final UserId user = new UserId(UUID.randomUUID());
    private final AtomicInteger compiles = new AtomicInteger();

    private void ask() {
        cache.get(org, user, AuthzCache.Floor.NONE, () -> {
            compiles.incrementAndGet();
            return new CompiledAccess(org, user, 0, 0, Optional.empty(), new TreeSet<>(), Map.of(), new TreeSet<>());
        });
    }

    @Test
    void aHeartbeatVouchesForTheBoundFromWhenItWasSentNotWhenItCameBack() {
        assertThat(cache.serving()).as("untrusted until its listener listens").isFalse();
        cache.setTrusted(true);
        assertThat(cache.serving()).as("listening, but no heartbeat heard yet").isFalse();

        long sent = now.get();
        now.addAndGet(SECOND / 10);   // the heartbeat took 100 ms to come back
        cache.heard(sent);
        assertThat(cache.serving()).isTrue();
        ask();
        ask();
        assertThat(compiles).as("the second answer came from memory").hasValue(1);

        now.set(sent + SECOND - 1);
        assertThat(cache.serving()).isTrue();
        now.set(sent + SECOND);
        assertThat(cache.serving()).as("a bound after the heartbeat was sent").isFalse();
        ask();
        assertThat(compiles).as("not answered from memory past the bound").hasValue(2);

        cache.heard(sent - SECOND);
        assertThat(cache.serving()).as("an older heartbeat does not shorten or restore anything").isFalse();
        cache.heard(now.get());
        assertThat(cache.serving()).isTrue();
        ask();
        assertThat(compiles).as("entries kept while the connection held are good again").hasValue(2);

        cache.setTrusted(false);
        assertThat(cache.serving()).isFalse();
        assertThat(cache.metrics().trusted()).isFalse();
    }

    @Test
    void aCacheThatIsOffOrHasNoListenerIsServingAsItWasBefore() {
        assertThat(new AuthzCache(100, Clock.systemUTC(), true).serving()).as("the in-memory store's: no bound").isTrue();
        AuthzCache off = new AuthzCache(0, Clock.systemUTC(), Duration.ofSeconds(1), now::get);
        off.setTrusted(true);
        off.heard(now.get());
        assertThat(off.serving()).as("a cache that is off never answers").isFalse();
        assertThatThrownBy(() -> new AuthzCache(10, Clock.systemUTC(), Duration.ZERO, now::get)).isInstanceOf(dev.iamkit.error.ConfigurationException.class);
    }
}
