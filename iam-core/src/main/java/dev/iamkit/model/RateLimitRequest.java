package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Duration;
import java.time.Instant;

/**
 * One validated hit of a rate limit, shared by both stores so they reject the same input and
 * place a hit in the same window. Windows are fixed and aligned to multiples of the window length
 * counted from the epoch (1970-01-01T00:00:00Z), in whole milliseconds.
 */
public record RateLimitRequest(String key, int limit, Duration window) {
    public static final int KEY_MAX = 200;
    public static final int LIMIT_MAX = 1_000_000_000;
    public static final Duration WINDOW_MAX = Duration.ofDays(366);

    public RateLimitRequest {
        key = Validate.text("key", key, 1, KEY_MAX);
        Validate.range("limit", limit, 1, LIMIT_MAX);
        Validate.notNull("window", window);
        if (window.isNegative() || window.isZero()) {
            throw new ValidationException("window", "must be positive");
        }
        if (window.compareTo(WINDOW_MAX) > 0) {
            throw new ValidationException("window", "must be at most " + WINDOW_MAX.toDays() + " days");
        }
        if (window.getNano() % 1_000_000 != 0) {
            throw new ValidationException("window", "must be a whole number of milliseconds");
        }
    }

    public long windowMillis() {
        return window.toMillis();
    }

    /** The start of the window {@code now} falls in. */
    public Instant windowStart(Instant now) {
        long ms = windowMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms);
    }

    /** The decision for the {@code hits}-th hit (counting this one) of the window starting at {@code start}. */
    public RateLimitDecision decide(long hits, Instant start) {
        return new RateLimitDecision(hits <= limit, (int) Math.max(0, limit - hits), start.plusMillis(windowMillis()));
    }
}
