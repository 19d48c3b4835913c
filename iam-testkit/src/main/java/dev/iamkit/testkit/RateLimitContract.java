package dev.iamkit.testkit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.RateLimitDecision;
import dev.iamkit.store.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Fixed windows aligned to the epoch, counted exactly under concurrency, validated before anything is counted. */
public abstract class RateLimitContract extends ContractBase {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private RateLimiter limits() {
        return db.rateLimits();
    }

    @Test
    void theFirstLimitHitsOfAWindowAreAllowedAndTheRestRefused() {
        List<RateLimitDecision> decisions = IntStream.range(0, 5).mapToObj(i -> limits().hit("login:ana", 3, MINUTE)).toList();

        Instant reset = Instant.parse("2030-01-01T00:01:00Z");
        assertThat(decisions).containsExactly(
                new RateLimitDecision(true, 2, reset),
                new RateLimitDecision(true, 1, reset),
                new RateLimitDecision(true, 0, reset),
                new RateLimitDecision(false, 0, reset),
                new RateLimitDecision(false, 0, reset));
    }

    @Test
    void windowsAreAlignedToTheEpochAndStartOverWhenTheyEnd() {
        clock.set(Instant.parse("2030-01-01T00:00:59.999Z"));
        limits().hit("k", 2, MINUTE);
        assertThat(limits().hit("k", 2, MINUTE)).isEqualTo(new RateLimitDecision(true, 0, Instant.parse("2030-01-01T00:01:00Z")));
        assertThat(limits().hit("k", 2, MINUTE).allowed()).isFalse();

        clock.set(Instant.parse("2030-01-01T00:01:00Z"));
        assertThat(limits().hit("k", 2, MINUTE)).isEqualTo(new RateLimitDecision(true, 1, Instant.parse("2030-01-01T00:02:00Z")));

        clock.advance(Duration.ofHours(5));
        assertThat(limits().hit("k", 2, Duration.ofHours(1)))
                .isEqualTo(new RateLimitDecision(true, 1, Instant.parse("2030-01-01T06:00:00Z")));
    }

    @Test
    void aClockSetBackCountsInTheStoredWindow() {
        clock.set(Instant.parse("2030-01-01T00:05:00Z"));
        limits().hit("k", 2, MINUTE);
        clock.set(Instant.parse("2030-01-01T00:03:00Z"));
        assertThat(limits().hit("k", 2, MINUTE)).isEqualTo(new RateLimitDecision(true, 0, Instant.parse("2030-01-01T00:06:00Z")));
    }

    @Test
    void keysAndWindowLengthsCountSeparately() {
        limits().hit("a", 1, MINUTE);

        assertThat(limits().hit("a", 1, MINUTE).allowed()).isFalse();
        assertThat(limits().hit("b", 1, MINUTE).allowed()).isTrue();
        assertThat(limits().hit("a", 1, Duration.ofSeconds(30)).allowed()).isTrue();
        assertThat(limits().hit("A", 1, MINUTE).allowed()).isTrue();
    }

    @Test
    void sixteenThreadsHittingOneKeyGetExactlyLimitAllowed() throws Exception {
        int threads = 16;
        int hitsEach = 10;
        int limit = 37;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<RateLimitDecision>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    if (!go.await(60, SECONDS)) {
                        throw new IllegalStateException("the start latch never opened");
                    }
                    List<RateLimitDecision> mine = new ArrayList<>();
                    for (int i = 0; i < hitsEach; i++) {
                        mine.add(limits().hit("shared", limit, MINUTE));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<RateLimitDecision> all = new ArrayList<>();
            for (Future<List<RateLimitDecision>> f : futures) {
                all.addAll(f.get(120, SECONDS));
            }
            List<RateLimitDecision> allowed = all.stream().filter(RateLimitDecision::allowed).toList();
            assertThat(allowed).hasSize(limit);
            assertThat(allowed).extracting(RateLimitDecision::remaining)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, limit).boxed().toList());
            assertThat(all).filteredOn(d -> !d.allowed()).hasSize(threads * hitsEach - limit)
                    .allSatisfy(d -> assertThat(d.remaining()).isZero());
        } finally {
            pool.shutdownNow();
        }
        assertThat(limits().hit("shared", limit, MINUTE).allowed()).isFalse();
    }

    @Test
    void invalidHitsAreRefusedNamingTheFieldAndCountNothing() {
        assertInvalid("key", () -> limits().hit("  ", 2, MINUTE));
        assertInvalid("key", () -> limits().hit(null, 2, MINUTE));
        assertInvalid("key", () -> limits().hit("k".repeat(201), 2, MINUTE));
        assertInvalid("limit", () -> limits().hit("k", 0, MINUTE));
        assertInvalid("limit", () -> limits().hit("k", -3, MINUTE));
        assertInvalid("window", () -> limits().hit("k", 2, Duration.ZERO));
        assertInvalid("window", () -> limits().hit("k", 2, Duration.ofSeconds(-1)));
        assertInvalid("window", () -> limits().hit("k", 2, Duration.ofDays(367)));
        assertInvalid("window", () -> limits().hit("k", 2, Duration.ofNanos(1500)));
        assertInvalid("window", () -> limits().hit("k", 2, null));

        assertThat(limits().hit("k", 2, MINUTE).remaining()).isEqualTo(1);
        assertThat(limits().hit("k".repeat(200), 1, Duration.ofDays(366)).allowed()).isTrue();
    }

    private static void assertInvalid(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
