package dev.iamkit.store;

import dev.iamkit.model.RateLimitDecision;
import java.time.Duration;

/**
 * Counts hits per key in fixed windows. A window of length {@code w} is aligned to the epoch: it
 * starts at a multiple of {@code w} since 1970-01-01T00:00:00Z (UTC, by the store's clock), so a
 * one-minute window starts at each full minute and a one-day window at each UTC midnight. Every
 * hit is counted, the refused ones too; the first {@code limit} hits of a window are allowed.
 * The same key with different window lengths counts separately. Each hit is atomic: of any
 * number of concurrent hits in one window exactly {@code limit} are allowed. Global (not per
 * organization): put the organization in the key to limit per tenant. May throw
 * {@link dev.iamkit.error.StorageException}.
 */
public interface RateLimiter {

    /**
     * Records one hit of {@code key} now and tells whether it is allowed. Never null.
     *
     * @throws dev.iamkit.error.ValidationException on {@code key} when it is blank, longer than 200
     *         characters or holds control characters; on {@code limit} when it is not between 1 and
     *         1,000,000,000; on {@code window} when it is not positive, longer than 366 days or not
     *         a whole number of milliseconds. Nothing is counted then.
     */
    RateLimitDecision hit(String key, int limit, Duration window);
}
