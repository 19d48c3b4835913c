package dev.iamkit.memory;

import dev.iamkit.model.RateLimitDecision;
import dev.iamkit.model.RateLimitRequest;
import dev.iamkit.store.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One entry per (key, window length): the current window and its hits, replaced whole so the undo log can restore it. */
final class InMemoryRateLimiter implements RateLimiter {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemoryRateLimiter(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public RateLimitDecision hit(String key, int limit, Duration window) {
        RateLimitRequest r = new RateLimitRequest(key, limit, window);
        Instant start = r.windowStart(clock.instant());
        return transactor.write(tx -> {
            MemoryState.Bucket id = new MemoryState.Bucket(r.key(), r.windowMillis());
            MemoryState.Window current = state.rateWindows.get(id);
            // As on PostgreSQL: a hit stamped before the stored window (a clock set back) counts in the stored one.
            MemoryState.Window next = current == null || start.isAfter(current.start())
                    ? new MemoryState.Window(start, 1)
                    : new MemoryState.Window(current.start(), current.hits() + 1);
            tx.put(state.rateWindows, id, next);
            return r.decide(next.hits(), next.start());
        });
    }
}
