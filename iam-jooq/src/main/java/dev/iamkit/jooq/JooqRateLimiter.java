package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.RATE_LIMIT_WINDOW;

import dev.iamkit.model.RateLimitDecision;
import dev.iamkit.model.RateLimitRequest;
import dev.iamkit.store.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.impl.DSL;

/**
 * One row per (key, window length) in {@code rate_limit_window}. A hit is one statement, an
 * upsert that counts in the stored window or starts a new one, and returns the count: the row
 * lock the upsert takes makes concurrent hits of one key count one after another, so exactly
 * {@code limit} of them are allowed.
 */
final class JooqRateLimiter implements RateLimiter {
    private final Sql sql;
    private final Clock clock;

    JooqRateLimiter(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public RateLimitDecision hit(String key, int limit, Duration window) {
        RateLimitRequest r = new RateLimitRequest(key, limit, window);
        Instant start = r.windowStart(clock.instant());
        var counted = sql.autocommit(Scope.IDENTITY, dsl -> {
            // A hit stamped before the stored window (a clock set back) counts in the stored one.
            var later = DSL.excluded(RATE_LIMIT_WINDOW.WINDOW_START).gt(RATE_LIMIT_WINDOW.WINDOW_START);
            return dsl.insertInto(RATE_LIMIT_WINDOW, RATE_LIMIT_WINDOW.BUCKET_KEY, RATE_LIMIT_WINDOW.WINDOW_MS,
                            RATE_LIMIT_WINDOW.WINDOW_START, RATE_LIMIT_WINDOW.HITS)
                    .values(r.key(), r.windowMillis(), Times.db(start), 1L)
                    .onConflict(RATE_LIMIT_WINDOW.BUCKET_KEY, RATE_LIMIT_WINDOW.WINDOW_MS)
                    .doUpdate()
                    .set(RATE_LIMIT_WINDOW.HITS, DSL.when(later, DSL.inline(1L)).otherwise(RATE_LIMIT_WINDOW.HITS.plus(DSL.inline(1L))))
                    .set(RATE_LIMIT_WINDOW.WINDOW_START, DSL.greatest(RATE_LIMIT_WINDOW.WINDOW_START, DSL.excluded(RATE_LIMIT_WINDOW.WINDOW_START)))
                    .returningResult(RATE_LIMIT_WINDOW.HITS, RATE_LIMIT_WINDOW.WINDOW_START)
                    .fetchSingle();
        });
        return r.decide(counted.value1(), Times.api(counted.value2()));
    }
}
