package dev.iamkit.retry;

import dev.iamkit.error.ValidationException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How {@link Retrying} repeats a call that failed without being applied: at most
 * {@code maxAttempts} attempts in all, none started after {@code deadline} has passed since the
 * first, and between two attempts a pause that starts at {@code firstBackoff}, doubles after each
 * failure up to {@code maxBackoff}, and is drawn at random from its upper half (so callers that
 * failed together do not come back together).
 *
 * @param maxAttempts 1 to 1000 (1: no retry)
 * @param firstBackoff the pause after the first failure, 0 to {@code maxBackoff}
 * @param maxBackoff the longest pause, at most one minute
 * @param deadline how long after the first attempt another may start, positive and at most one
 *        hour; an attempt under way when it passes is not cut short (each is bounded by the
 *        store's own timeouts, e.g. the PostgreSQL store's connection timeout)
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration deadline) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new ValidationException("maxAttempts", "must be between 1 and 1000");
        }
        if (maxBackoff == null || maxBackoff.isNegative() || maxBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ValidationException("maxBackoff", "must be between 0 and one minute");
        }
        if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.compareTo(maxBackoff) > 0) {
            throw new ValidationException("firstBackoff", "must be between 0 and maxBackoff");
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofHours(1)) > 0) {
            throw new ValidationException("deadline", "must be positive and at most one hour");
        }
    }

    /** 10 attempts, pauses from 50 ms doubling up to 2 s, no attempt started 15 s after the first. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(15));
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, firstBackoff, maxBackoff, deadline);
    }

    public RetryPolicy withBackoff(Duration first, Duration max) {
        return new RetryPolicy(maxAttempts, first, max, deadline);
    }

    public RetryPolicy withDeadline(Duration d) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, d);
    }

    /** The pause after the {@code failures}-th failure (1 for the first): from the upper half of the doubled backoff. */
    Duration pauseAfter(int failures, RandomGenerator random) {
        long first = firstBackoff.toNanos();
        long max = maxBackoff.toNanos();
        long ceiling = first;
        for (int i = 1; i < failures && ceiling < max; i++) {
            ceiling = ceiling > max / 2 ? max : ceiling * 2;
        }
        ceiling = Math.min(ceiling, max);
        long half = ceiling / 2;
        return Duration.ofNanos(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }
}
